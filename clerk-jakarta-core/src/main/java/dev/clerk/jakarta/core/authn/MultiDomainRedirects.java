package dev.clerk.jakarta.core.authn;

import dev.clerk.jakarta.core.internal.RedirectUrls;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The redirects of Clerk's development multi-domain sync (spec §3.6): C6 sends a satellite's
 * browser to the primary's sign-in URL with {@code __clerk_redirect_url}; C7 sends it back from the
 * primary with the primary's development browser token ({@code __clerk_db_jwt}) and {@code
 * __clerk_synced=true}.
 *
 * <p>Unlike Clerk's reference, C7 redirects only to an origin this instance is configured for: the
 * request's own origin (as {@link AuthnConfig#trustForwardedHeaders()} computes it), {@code
 * https://<domain>}, the proxy URL's origin, the sign-in and sign-up URLs' origins and {@link
 * AuthnConfig#allowedRedirectOrigins()}. Any other {@code __clerk_redirect_url} is ignored, so that
 * a link to {@code ?__clerk_redirect_url=https://evil.example/} neither hands a victim's
 * dev-browser token to that site nor makes this application an open redirect. Immutable and
 * thread-safe.
 */
final class MultiDomainRedirects {
  private static final Logger LOGGER = System.getLogger(MultiDomainRedirects.class.getName());

  /** The allowed origins that do not depend on the request. */
  private final Set<String> configured;

  MultiDomainRedirects(AuthnConfig options) {
    Set<String> origins = new LinkedHashSet<>(options.allowedRedirectOrigins());
    if (options.domain() != null) {
      addOrigin(origins, "https://" + options.domain() + "/");
    }
    for (String url : new String[] {options.proxyUrl(), options.signInUrl(), options.signUpUrl()}) {
      if (url != null) {
        addOrigin(origins, url); // a relative URL has no origin of its own: it is the request's
      }
    }
    this.configured = Set.copyOf(origins);
  }

  private static void addOrigin(Set<String> origins, String url) {
    String origin = RedirectUrls.origin(url);
    if (origin != null) {
      origins.add(origin);
    }
  }

  /** {@return C6's Location: the sign-in URL with {@code __clerk_redirect_url=<public URL>}} */
  static String satelliteNeedsSyncingLocation(String signInUrl, AuthenticateContext ctx) {
    return appendParam(
        signInUrl, "__clerk_redirect_url", HandshakeService.removeParams(ctx.clerkUrl, Set.of()));
  }

  /**
   * {@return C7's Location: {@code redirectUrl} with the dev browser appended and {@code
   * __clerk_synced=true} set; null (logged at DEBUG) when {@code redirectUrl} is not an absolute
   * http(s) URL on an allowed origin}
   */
  @Nullable String primaryRespondsLocation(AuthenticateContext ctx, String redirectUrl) {
    String origin = RedirectUrls.origin(redirectUrl);
    if (origin == null) {
      LOGGER.log(
          Level.DEBUG,
          "Clerk: __clerk_redirect_url ignored: not an absolute http(s) URL with a host");
      return null;
    }
    if (!origin.equals(ctx.origin()) && !configured.contains(origin)) {
      LOGGER.log(
          Level.DEBUG,
          "Clerk: __clerk_redirect_url ignored: {0} may not receive the development browser token (add it"
              + " to allowed-redirect-origins if it is a satellite of this instance)",
          origin);
      return null;
    }
    return primaryRespondsLocation(redirectUrl, ctx.devBrowserToken);
  }

  /** {@code URL.searchParams.append} on an absolute URL, keeping its fragment last. */
  static String appendParam(String url, String name, String value) {
    int hash = url.indexOf('#');
    String base = hash < 0 ? url : url.substring(0, hash);
    String fragment = hash < 0 ? "" : url.substring(hash);
    String sep = base.indexOf('?') < 0 ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
    return base + sep + HandshakeService.form(name) + "=" + HandshakeService.form(value) + fragment;
  }

  /** The satellite URL with the dev browser appended and {@code __clerk_synced=true} set. */
  private static @Nullable String primaryRespondsLocation(
      String redirectUrl, @Nullable String devBrowser) {
    URI uri;
    try {
      uri = new URI(redirectUrl);
    } catch (URISyntaxException e) {
      return null;
    }
    List<String> pairs = new ArrayList<>();
    boolean syncedSet = false;
    String query = uri.getRawQuery();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&", -1)) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        if (key.equals("__clerk_synced")) {
          if (!syncedSet) {
            syncedSet = true;
            pairs.add("__clerk_synced=true");
          }
          continue;
        }
        pairs.add(pair);
      }
    }
    if (devBrowser != null) {
      // searchParams.append(__clerk_db_jwt) comes before searchParams.set(__clerk_synced, 'true').
      pairs.add(AuthenticateContext.DEV_BROWSER + "=" + HandshakeService.form(devBrowser));
    }
    if (!syncedSet) {
      pairs.add("__clerk_synced=true");
    }
    StringBuilder out = new StringBuilder(HandshakeService.removeParams(uri, Set.of("__never__")));
    int hash = out.indexOf("#");
    String fragment = hash < 0 ? "" : out.substring(hash);
    String base = hash < 0 ? out.toString() : out.substring(0, hash);
    int q = base.indexOf('?');
    if (q >= 0) {
      base = base.substring(0, q);
    }
    return base + "?" + String.join("&", pairs) + fragment;
  }
}
