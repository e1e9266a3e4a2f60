package dev.clerk.jakarta.core.request;

import dev.clerk.jakarta.core.auth.Reverification;
import dev.clerk.jakarta.core.internal.RedirectUrls;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds every {@link Refusal} the servlet filter and the JAX-RS feature send, so that both answer
 * a refused request alike. One per {@link dev.clerk.jakarta.core.Clerk} ({@link
 * dev.clerk.jakarta.core.Clerk#refusals()}), configured with its sign-in URL and whether the public
 * URL follows {@code X-Forwarded-*} headers.
 *
 * <table class="striped">
 *   <caption>Refusals</caption>
 *   <thead><tr><th>method</th><th>status</th><th>headers</th><th>JSON body</th></tr></thead>
 *   <tbody>
 *   <tr><td>{@link #signedOut}</td><td>401</td><td>{@code WWW-Authenticate: Bearer} ({@code
 *       error="invalid_token"} when a token was presented, {@link BearerChallenge})</td><td>{@code
 *       {"error":"unauthorized","reason":"<Clerk's reason>"}}</td></tr>
 *   <tr><td>{@link #signedOut}, Clerk could not decide</td><td>503</td><td>—</td><td>{@code
 *       {"error":"service_unavailable","reason":"<Clerk's reason>"}}</td></tr>
 *   <tr><td>{@link #signedOut}, a page with a sign-in URL</td><td>307</td><td>{@code Location:
 *       <sign-in URL>?redirect_url=<public URL>}</td><td>(empty)</td></tr>
 *   <tr><td>{@link #forbidden}</td><td>403</td><td>{@code WWW-Authenticate: Bearer
 *       error="insufficient_scope"}</td><td>{@code {"error":"forbidden","reason":"<Denial>"}}</td></tr>
 *   <tr><td>{@link #reverificationRequired}</td><td>403</td><td>{@code WWW-Authenticate: Bearer
 *       error="insufficient_scope"}</td><td>Clerk's {@code {"clerk_error":{"type":"forbidden",
 *       "reason":"reverification-error","metadata":{"reverification":…}}}}</td></tr>
 *   <tr><td>{@link #ambiguousPath}</td><td>400</td><td>—</td><td>{@code
 *       {"error":"bad_request","reason":"ambiguous-path"}}</td></tr>
 *   <tr><td>{@link #invalidWebhook}</td><td>400, 413</td><td>—</td><td>{@code
 *       {"error":"invalid_webhook","reason":"<reason>"}}</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>Every refusal carries {@code Cache-Control: no-store} first: it answers one request. A request
 * from a browser page ({@link #isDocument}) gets a small HTML page ({@code
 * text/html;charset=UTF-8}) with one fixed sentence instead of the JSON body ({@code
 * application/json}), and, signed out with a sign-in URL configured, a {@code GET} or {@code HEAD}
 * is redirected there instead ({@code 307}). Webhook refusals are always JSON: their caller is
 * Clerk, never a browser.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Refusals {
  /** The content type of a JSON body. */
  public static final String JSON = "application/json";

  /** The content type of an HTML page. */
  public static final String HTML = "text/html;charset=UTF-8";

  private static final ResponseHeader NO_STORE = new ResponseHeader("Cache-Control", "no-store");

  private final @Nullable String signInUrl;
  private final boolean trustForwardedHeaders;

  private Refusals(@Nullable String signInUrl, boolean trustForwardedHeaders) {
    this.signInUrl = signInUrl;
    this.trustForwardedHeaders = trustForwardedHeaders;
  }

  /**
   * {@return refusals that redirect browser pages to {@code signInUrl}, when given}
   *
   * @param signInUrl the sign-in URL (setting {@code sign-in-url}), absolute or relative to the
   *     request, or null to answer pages with 401 too
   * @param trustForwardedHeaders whether the {@code redirect_url} is the request's public URL as
   *     {@code X-Forwarded-*} headers give it ({@link ClerkRequest#clerkUrl()}) or the container's
   *     ({@link ClerkRequest#url()}); setting {@code forwarded-headers}
   * @throws IllegalArgumentException when {@code signInUrl} is blank
   */
  public static Refusals of(@Nullable String signInUrl, boolean trustForwardedHeaders) {
    if (signInUrl != null && signInUrl.isBlank()) {
      throw new IllegalArgumentException("signInUrl is blank");
    }
    return new Refusals(signInUrl, trustForwardedHeaders);
  }

  /**
   * {@return the answer to a signed-out request where a signed-in one is required: 503 when Clerk
   * could not decide ({@link AuthReason#isServiceFailure()}), a 307 to the sign-in URL for a page
   * ({@code GET} or {@code HEAD}) when one is configured and it is not this page, else 401}
   *
   * @param request the request as the adapter gave it to core
   * @param state the request's decision, or null when none was made (then it counts as {@link
   *     AuthReason#SESSION_TOKEN_AND_UAT_MISSING}: no credential)
   */
  public Refusal signedOut(ClerkRequest request, @Nullable RequestState state) {
    Objects.requireNonNull(request, "request == null");
    AuthReason reason =
        state == null || state.reason() == null
            ? AuthReason.SESSION_TOKEN_AND_UAT_MISSING
            : state.reason();
    boolean document = isDocument(request);
    if (reason.isServiceFailure()) {
      return send(
          503,
          List.of(),
          document,
          "service_unavailable",
          reason.value(),
          "Authentication is temporarily unavailable.");
    }
    String method = request.method();
    if (document && signInUrl != null && (method.equals("GET") || method.equals("HEAD"))) {
      String location =
          signInRedirect(signInUrl, trustForwardedHeaders ? request.clerkUrl() : request.url());
      if (location != null) {
        return new Refusal(
            307, List.of(NO_STORE, new ResponseHeader("Location", location)), null, "");
      }
    }
    return send(
        401,
        List.of(new ResponseHeader("WWW-Authenticate", BearerChallenge.unauthorized(reason))),
        document,
        "unauthorized",
        reason.value(),
        "Sign in to see this page.");
  }

  /**
   * {@return the answer to a signed-in request that lacks what the resource requires: 403 with
   * {@code WWW-Authenticate: Bearer error="insufficient_scope"}}
   *
   * @param request the request
   * @param denial what it lacks
   */
  public Refusal forbidden(ClerkRequest request, Denial denial) {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(denial, "denial == null");
    return send(
        403,
        List.of(insufficientScope()),
        isDocument(request),
        "forbidden",
        denial.value(),
        denial.text());
  }

  /**
   * {@return Clerk's answer to a session whose factors must be verified again: 403 with {@code
   * WWW-Authenticate: Bearer error="insufficient_scope"} and, for API clients, Clerk's body {@code
   * {"clerk_error":{"type":"forbidden","reason":"reverification-error","metadata":{"reverification":…}}}},
   * which Clerk's frontend SDKs read to ask the user (the preset's name, or {@code
   * {"level":"second_factor","afterMinutes":10}})}
   *
   * @param request the request
   * @param required the requirement that failed
   * @param preset the preset's name when the requirement was given as one ({@code strict_mfa},
   *     {@code strict}, {@code moderate}, {@code lax}), else null
   * @throws IllegalArgumentException when {@code preset} is not a preset's name
   */
  public Refusal reverificationRequired(
      ClerkRequest request, Reverification required, @Nullable String preset) {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(required, "required == null");
    String metadata;
    if (preset != null) {
      if (Reverification.preset(preset) == null
          || !preset.equals(preset.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("not a reverification preset: \"" + preset + "\"");
      }
      metadata = "\"" + preset + "\"";
    } else {
      metadata =
          "{\"level\":\""
              + required.level().name().toLowerCase(Locale.ROOT)
              + "\",\"afterMinutes\":"
              + required.afterMinutes()
              + "}";
    }
    List<ResponseHeader> headers = List.of(NO_STORE, insufficientScope());
    if (isDocument(request)) {
      return new Refusal(
          403, headers, HTML, page(403, "Verify your identity again to see this page."));
    }
    return new Refusal(
        403,
        headers,
        JSON,
        "{\"clerk_error\":{\"type\":\"forbidden\",\"reason\":\"reverification-error\",\"metadata\":{\"reverification\":"
            + metadata
            + "}}}");
  }

  /**
   * {@return the answer to a request whose path cannot be matched safely (an escaped {@code /},
   * {@code ;} or dot segment, a {@code ..} leaving the application …): 400}
   *
   * @param request the request
   */
  public Refusal ambiguousPath(ClerkRequest request) {
    Objects.requireNonNull(request, "request == null");
    return send(
        400,
        List.of(),
        isDocument(request),
        "bad_request",
        "ambiguous-path",
        "The request path is not valid.");
  }

  /**
   * {@return the answer to a refused webhook delivery: its status (400, or 413 for an oversized
   * body) with {@code {"error":"invalid_webhook","reason":"<reason>"}}, always JSON} Give it the
   * fields of a {@code WebhookVerificationReason} (this package sits beside {@code core.webhooks},
   * not above it).
   *
   * @param status {@code WebhookVerificationReason.httpStatus()}
   * @param reason {@code WebhookVerificationReason.value()}, e.g. {@code signature-mismatch}
   * @throws IllegalArgumentException for a status that is not a 4xx, or a reason that is not a
   *     lower-case word list joined by {@code -}
   */
  public static Refusal invalidWebhook(int status, String reason) {
    Objects.requireNonNull(reason, "reason == null");
    if (status < 400 || status > 499) {
      throw new IllegalArgumentException("not a client error status: " + status);
    }
    if (!reason.matches("[a-z]+(-[a-z]+)*")) {
      throw new IllegalArgumentException("not a webhook reason: \"" + jsonEscape(reason) + "\"");
    }
    return new Refusal(
        status,
        List.of(NO_STORE),
        JSON,
        "{\"error\":\"invalid_webhook\",\"reason\":\"" + reason + "\"}");
  }

  /**
   * {@return whether a browser asked for a page: {@code Sec-Fetch-Dest: document} or {@code
   * iframe}, or, without that header, an {@code Accept} that names {@code text/html}; never when
   * {@code Accept} names {@code application/json}}
   *
   * @param request the request
   */
  public static boolean isDocument(ClerkRequest request) {
    String dest = request.header("sec-fetch-dest");
    String accept = request.header("accept");
    String a = accept == null ? "" : accept.toLowerCase(Locale.ROOT);
    if (a.contains("application/json")) {
      return false;
    }
    if (dest != null) {
      String d = dest.trim().toLowerCase(Locale.ROOT);
      return d.equals("document") || d.equals("iframe");
    }
    return a.contains("text/html");
  }

  /** {@return the sign-in URL pages are redirected to, or null} */
  public @Nullable String signInUrl() {
    return signInUrl;
  }

  private static Refusal send(
      int status,
      List<ResponseHeader> extra,
      boolean document,
      String error,
      String reason,
      String text) {
    List<ResponseHeader> headers = new ArrayList<>(extra.size() + 1);
    headers.add(NO_STORE);
    headers.addAll(extra);
    if (document) {
      return new Refusal(status, headers, HTML, page(status, text));
    }
    return new Refusal(
        status,
        headers,
        JSON,
        "{\"error\":\"" + error + "\",\"reason\":\"" + jsonEscape(reason) + "\"}");
  }

  private static String page(int status, String text) {
    return "<!DOCTYPE html><html><head><title>"
        + status
        + "</title></head><body><p>"
        + text
        + "</p></body></html>\n";
  }

  private static ResponseHeader insufficientScope() {
    return new ResponseHeader("WWW-Authenticate", BearerChallenge.insufficientScope());
  }

  /**
   * {@return the sign-in URL with {@code redirect_url}, in ASCII ({@link RedirectUrls#ascii}), or
   * null when it would loop to this page}
   *
   * @param signInUrl the sign-in URL, absolute or relative
   * @param current the page's public URL
   */
  static @Nullable String signInRedirect(String signInUrl, URI current) {
    URI target;
    try {
      target = current.resolve(signInUrl);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (sameResource(target, current)) {
      return null;
    }
    String sep = signInUrl.indexOf('?') >= 0 ? "&" : "?";
    int hash = signInUrl.indexOf('#');
    String base = hash >= 0 ? signInUrl.substring(0, hash) : signInUrl;
    String fragment = hash >= 0 ? signInUrl.substring(hash) : "";
    return RedirectUrls.ascii(
        base
            + sep
            + "redirect_url="
            + URLEncoder.encode(current.toString(), StandardCharsets.UTF_8)
            + fragment);
  }

  private static boolean sameResource(URI a, URI b) {
    return String.valueOf(a.getScheme()).equalsIgnoreCase(String.valueOf(b.getScheme()))
        && String.valueOf(a.getRawAuthority()).equalsIgnoreCase(String.valueOf(b.getRawAuthority()))
        && String.valueOf(a.getRawPath()).equals(String.valueOf(b.getRawPath()));
  }

  /**
   * JSON string content: quotes, backslashes, controls, non-ASCII and HTML's {@code <>&} escaped.
   */
  static String jsonEscape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c > 0x7e) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "Refusals{signInUrl="
        + (signInUrl == null ? "none" : "set")
        + ", trustForwardedHeaders="
        + trustForwardedHeaders
        + "}";
  }
}
