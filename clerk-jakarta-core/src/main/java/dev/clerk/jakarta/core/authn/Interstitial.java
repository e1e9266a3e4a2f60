package dev.clerk.jakarta.core.authn;

import org.jspecify.annotations.Nullable;

/**
 * The opt-in interstitial page ({@link dev.clerk.jakarta.core.HandshakeMode#INTERSTITIAL}, spec
 * §3.10): loads clerk-js from the instance's Frontend API (or the proxy), lets it refresh the
 * session cookies, and reloads the page. Every interpolated value goes into a JavaScript string
 * literal in which {@code <}, {@code >}, {@code &}, quotes, backslashes, line terminators and
 * non-ASCII characters are {@code \}{@code uXXXX}-escaped, so no value can close the script element
 * or the string; attributes are set from script, never written into markup.
 */
final class Interstitial {
  static final String CONTENT_TYPE = "text/html; charset=utf-8";
  static final String CLERK_JS_PATH = "/npm/@clerk/clerk-js@5/dist/clerk.browser.js";

  private Interstitial() {}

  /**
   * {@return the clerk-js URL: {@code https://<frontendApi>/npm/...} or {@code <proxyUrl>/npm/...}}
   */
  static String clerkJsUrl(String frontendApi) {
    String base = frontendApi.startsWith("http") ? frontendApi : "https://" + frontendApi;
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + CLERK_JS_PATH;
  }

  static String page(
      String publishableKey,
      String frontendApi,
      @Nullable String proxyUrl,
      @Nullable String domain,
      boolean satellite,
      @Nullable String signInUrl) {
    StringBuilder s = new StringBuilder(2048);
    s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"robots\" content=\"noindex\">\n<title>Clerk</title>\n")
        .append(
            "<style>@media (prefers-color-scheme: dark) { body { background-color: black; } }</style>\n")
        .append("</head>\n<body>\n<script>\n")
        .append("(function () {\n")
        .append("  var publishableKey = ")
        .append(js(publishableKey))
        .append(";\n")
        .append("  var clerkJsUrl = ")
        .append(js(clerkJsUrl(frontendApi)))
        .append(";\n")
        .append("  var proxyUrl = ")
        .append(jsOrNull(proxyUrl))
        .append(";\n")
        .append("  var domain = ")
        .append(jsOrNull(domain))
        .append(";\n")
        .append("  var signInUrl = ")
        .append(jsOrNull(signInUrl))
        .append(";\n")
        .append("  var isSatellite = ")
        .append(satellite)
        .append(";\n")
        .append("  function start() {\n")
        .append("    var options = { isSatellite: isSatellite, isInterstitial: isSatellite };\n")
        .append("    if (signInUrl) { options.signInUrl = signInUrl; }\n")
        .append("    window.Clerk.load(options).then(function () {\n")
        .append("      if (window.Clerk.loaded) { window.location.reload(); }\n")
        .append("    }, function (err) { console.error('Clerk: ', err); });\n")
        .append("  }\n")
        .append("  var script = document.createElement('script');\n")
        .append("  script.setAttribute('data-clerk-publishable-key', publishableKey);\n")
        .append("  if (domain) { script.setAttribute('data-clerk-domain', domain); }\n")
        .append("  if (proxyUrl) { script.setAttribute('data-clerk-proxy-url', proxyUrl); }\n")
        .append("  script.async = true;\n")
        .append("  script.crossOrigin = 'anonymous';\n")
        .append("  script.src = clerkJsUrl;\n")
        .append("  script.addEventListener('load', start);\n")
        .append("  document.body.appendChild(script);\n")
        .append("})();\n")
        .append("</script>\n</body>\n</html>\n");
    return s.toString();
  }

  private static String jsOrNull(@Nullable String value) {
    return value == null ? "null" : js(value);
  }

  /** A double-quoted JavaScript string literal that is also safe inside an HTML script element. */
  static String js(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\'' && c != '\\' && c != '<' && c != '>'
          && c != '&' && c != '/') {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.append('"').toString();
  }
}
