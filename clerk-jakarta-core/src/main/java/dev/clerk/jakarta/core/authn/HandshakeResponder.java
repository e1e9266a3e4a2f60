package dev.clerk.jakarta.core.authn;

import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.request.ResponseHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Answers a request that needs a handshake (spec §3.5): the redirect to the Frontend API (or the
 * interstitial page, or a custom {@code Location} of the multi-domain sync), {@code Cache-Control:
 * no-store}, the redirect-loop counter; signed out instead when the request is not eligible or
 * loops. The organization-sync target, when a pattern matches, rides along. Thread-safe.
 */
final class HandshakeResponder {

  static final String SATELLITE_LOOP_MESSAGE =
      "Clerk: Satellite-domain authentication resulted in an infinite redirect loop. This usually"
          + " means that the configured primary or satellite domain does not match the domain the"
          + " application is served from (for example on preview deployments). Check the domain,"
          + " is-satellite and sign-in-url settings.";
  static final String REFRESH_LOOP_MESSAGE =
      "Clerk: Refreshing the session token resulted in an infinite redirect loop. This usually means"
          + " that your Clerk instance keys do not match - make sure to copy the correct publishable"
          + " and secret keys from the Clerk dashboard.";

  private final AuthnConfig options;
  private final FlowLog log;
  private final OrganizationMatcher organizationMatcher;

  HandshakeResponder(AuthnConfig options, FlowLog log, OrganizationMatcher organizationMatcher) {
    this.options = options;
    this.log = log;
    this.organizationMatcher = organizationMatcher;
  }

  RequestState maybeHandshake(
      AuthenticateContext ctx,
      AuthReason reason,
      String message,
      @Nullable List<ResponseHeader> custom) {
    if (!HandshakeService.isEligible(ctx)) {
      return RequestState.signedOut(reason, message);
    }
    List<ResponseHeader> headers = new ArrayList<>();
    boolean interstitial = custom == null && options.interstitialHandshake();
    if (custom != null) {
      headers.addAll(custom);
    } else if (!interstitial) {
      headers.add(
          HandshakeService.location(
              HandshakeService.redirectUrl(ctx, reason.value(), organizationTarget(ctx))));
    }
    if (interstitial || headers.stream().anyMatch(h -> h.is("Location"))) {
      headers.add(new ResponseHeader("Cache-Control", HandshakeService.NO_STORE));
    }
    if (HandshakeService.checkAndTrackRedirectLoop(ctx, headers)) {
      String loop =
          reason.equals(AuthReason.SATELLITE_COOKIE_NEEDS_SYNCING)
              ? SATELLITE_LOOP_MESSAGE
              : REFRESH_LOOP_MESSAGE;
      log.client("loop:" + reason.value(), loop);
      return RequestState.signedOut(reason, message);
    }
    RequestState.Reply reply =
        interstitial
            ? new RequestState.Reply(
                401,
                Interstitial.CONTENT_TYPE,
                Interstitial.page(
                    Objects.requireNonNull(options.publishableKey()),
                    ctx.frontendApi,
                    ctx.proxyUrl,
                    options.domain(),
                    options.satellite(),
                    options.signInUrl()))
            : RequestState.Reply.redirect();
    return RequestState.handshake(reason, message, headers, reply);
  }

  OrganizationMatcher.@Nullable Target organizationTarget(AuthenticateContext ctx) {
    if (organizationMatcher.isEmpty()) {
      return null;
    }
    String path = ctx.clerkUrl.getRawPath();
    return organizationMatcher.findTarget(path == null || path.isEmpty() ? "/" : path);
  }
}
