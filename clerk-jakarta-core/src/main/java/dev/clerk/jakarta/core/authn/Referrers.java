package dev.clerk.jakarta.core.authn;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The referrer rules of C18 (spec §3.3): whether a document request comes from another origin, and
 * whether that origin is Clerk's own (the Frontend API, the Account Portal, development account
 * portals), in which case no cross-origin sync handshake is needed. Stateless.
 */
final class Referrers {
  private Referrers() {}

  static boolean isCrossOriginReferrer(AuthenticateContext ctx) {
    String referrer = ctx.request.header("referer");
    if (referrer == null || referrer.isEmpty()) {
      return false;
    }
    URI ref = parseHttpUrl(referrer);
    if (ref == null) {
      return false;
    }
    return !AuthenticateContext.origin(ref).equals(ctx.origin());
  }

  static boolean isKnownClerkReferrer(AuthenticateContext ctx) {
    URI ref = parseHttpUrl(Objects.requireNonNull(ctx.request.header("referer")));
    if (ref == null) {
      return false;
    }
    String host = ref.getHost().toLowerCase(Locale.ROOT);
    String fapi = ctx.frontendApi;
    String fapiHost = fapi;
    if (fapi.startsWith("http")) {
      URI f = parseHttpUrl(fapi);
      fapiHost = f == null ? fapi : f.getHost();
    }
    if (host.equalsIgnoreCase(fapiHost)) {
      return true;
    }
    if (!ctx.isProduction()
        && (isLegacyDevAccountPortal(host) || isCurrentDevAccountPortal(host))) {
      return true;
    }
    String accounts = buildAccountsBaseUrl(fapi);
    return !accounts.isEmpty() && AuthenticateContext.origin(ref).equals(accounts);
  }

  static boolean isLegacyDevAccountPortal(String host) {
    for (String suffix : new String[] {".lcl.dev", ".lclstage.dev", ".lclclerk.com"}) {
      if (host.startsWith("accounts.") && host.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  static boolean isCurrentDevAccountPortal(String host) {
    for (String suffix :
        new String[] {".accounts.dev", ".accountsstage.dev", ".accounts.lclclerk.com"}) {
      if (host.endsWith(suffix) && !host.endsWith(".clerk" + suffix)) {
        return true;
      }
    }
    return false;
  }

  /** Clerk's {@code buildAccountsBaseUrl}. */
  static String buildAccountsBaseUrl(String frontendApi) {
    if (frontendApi.isEmpty()) {
      return "";
    }
    String host = frontendApi;
    if (host.startsWith("clerk.accountsstage.")) {
      host = host.substring("clerk.".length());
    } else if (host.startsWith("clerk.accounts.")) {
      host = "accounts." + host.substring("clerk.accounts.".length());
    } else if (host.startsWith("clerk.")) {
      host = "accounts." + host.substring("clerk.".length());
    }
    return "https://" + host;
  }

  private static @Nullable URI parseHttpUrl(String value) {
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return null;
      }
      return uri;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
