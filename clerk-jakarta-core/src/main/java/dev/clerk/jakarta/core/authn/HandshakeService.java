package dev.clerk.jakarta.core.authn;

import dev.clerk.jakarta.core.internal.ClerkHttpHeaders;
import dev.clerk.jakarta.core.internal.RedirectUrls;
import dev.clerk.jakarta.core.request.ResponseHeader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Clerk's {@code HandshakeService} (spec §3.5): eligibility, the redirect to the Frontend API
 * handshake endpoint with its parameters in Clerk's order, the redirect-loop counter, and the query
 * clean-up after a development handshake.
 */
final class HandshakeService {
  /** {@code SUPPORTED_BAPI_VERSION} sent as {@code __clerk_api_version}. */
  static final String CLERK_API_VERSION = ClerkHttpHeaders.SUPPORTED_API_VERSION;

  static final String NO_STORE = "no-store";
  static final int MAX_REDIRECTS = 3;

  private static final Set<String> REDIRECT_URL_DROPPED = Set.of("__clerk_db_jwt", "__dev_session");
  private static final Set<String> RESOLVED_DROPPED =
      Set.of("__clerk_handshake", "__clerk_help", "__clerk_db_jwt", "__clerk_handshake_nonce");

  private HandshakeService() {}

  /** {@code isRequestEligibleForHandshake}: GET and a document/iframe, or HTML accepted. */
  static boolean isEligible(AuthenticateContext ctx) {
    if (!"GET".equals(ctx.method())) {
      return false;
    }
    String dest = ctx.secFetchDest();
    if (dest != null) {
      return dest.equals("document") || dest.equals("iframe");
    }
    String accept = ctx.request.header("accept");
    return accept != null && accept.startsWith("text/html");
  }

  /** {@return the handshake URL of spec §3.5 step 2} */
  static String redirectUrl(
      AuthenticateContext ctx, String reason, OrganizationMatcher.@Nullable Target orgTarget) {
    String base =
        ctx.frontendApi.startsWith("http") ? ctx.frontendApi : "https://" + ctx.frontendApi;
    int q = base.indexOf('?');
    if (q >= 0) {
      base = base.substring(0, q);
    }
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    StringBuilder url = new StringBuilder(base).append("/v1/client/handshake");
    List<String[]> params = new ArrayList<>();
    params.add(new String[] {"redirect_url", removeParams(ctx.clerkUrl, REDIRECT_URL_DROPPED)});
    params.add(new String[] {"__clerk_api_version", CLERK_API_VERSION});
    params.add(new String[] {"suffixed_cookies", String.valueOf(ctx.usesSuffixedCookies)});
    params.add(new String[] {"__clerk_hs_reason", reason});
    params.add(new String[] {"format", "nonce"});
    String session =
        ctx.sessionTokenInCookie != null ? ctx.sessionTokenInCookie : ctx.tokenInHeader;
    if (session != null) {
      params.add(new String[] {"__session", session});
    }
    if (ctx.isDevelopment() && ctx.devBrowserToken != null) {
      params.add(new String[] {"__clerk_db_jwt", ctx.devBrowserToken});
    }
    if (orgTarget != null) {
      params.add(new String[] {"organization_id", orgTarget.handshakeValue()});
    }
    char sep = '?';
    for (String[] p : params) {
      url.append(sep).append(form(p[0])).append('=').append(form(p[1]));
      sep = '&';
    }
    return url.toString();
  }

  /**
   * {@code checkAndTrackRedirectLoop}: true (a loop) when the counter is exactly 3; otherwise adds
   * {@code Set-Cookie: __clerk_redirect_count=<n+1>; SameSite=Lax; HttpOnly; Max-Age=2}.
   */
  static boolean checkAndTrackRedirectLoop(AuthenticateContext ctx, List<ResponseHeader> headers) {
    if (ctx.redirectCount == MAX_REDIRECTS) {
      return true;
    }
    headers.add(
        new ResponseHeader(
            "Set-Cookie",
            AuthenticateContext.REDIRECT_COUNT
                + "="
                + (ctx.redirectCount + 1)
                + "; SameSite=Lax; HttpOnly; Max-Age=2"));
    return false;
  }

  /**
   * {@return a {@code Location} header for {@code url}, ASCII ({@link RedirectUrls#ascii})} Every
   * {@code Location} the request flow produces is made here.
   */
  static ResponseHeader location(String url) {
    return new ResponseHeader("Location", RedirectUrls.ascii(url));
  }

  /** {@return the public URL without the handshake parameters (development resolution)} */
  static String cleanedUrl(URI clerkUrl) {
    return removeParams(clerkUrl, RESOLVED_DROPPED);
  }

  /**
   * {@return the URL as a string without the named query parameters} Other parameters keep their
   * raw encoding and order; the fragment is kept; an empty path becomes {@code /}.
   */
  static String removeParams(URI uri, Set<String> names) {
    StringBuilder out = new StringBuilder();
    out.append(uri.getScheme()).append("://").append(uri.getRawAuthority());
    String path = uri.getRawPath();
    out.append(path == null || path.isEmpty() ? "/" : path);
    String query = uri.getRawQuery();
    if (query != null) {
      StringBuilder kept = new StringBuilder();
      for (String pair : query.split("&", -1)) {
        int eq = pair.indexOf('=');
        String key = formDecode(eq < 0 ? pair : pair.substring(0, eq));
        if (names.contains(key)) {
          continue;
        }
        if (kept.length() > 0) {
          kept.append('&');
        }
        kept.append(pair);
      }
      if (kept.length() > 0) {
        out.append('?').append(kept);
      }
    }
    if (uri.getRawFragment() != null) {
      out.append('#').append(uri.getRawFragment());
    }
    return out.toString();
  }

  private static String formDecode(String s) {
    try {
      return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** {@code application/x-www-form-urlencoded} as {@code URLSearchParams} writes it. */
  static String form(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
