package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.ClerkOptions;
import dev.clerk.jakarta.core.internal.RedirectUrls;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.BearerChallenge;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The answers of the filter itself: the state's reply, and 400/401/403/503 on protected paths. Every
 * text here is fixed or comes from configuration and Clerk's reason strings, never from an
 * exception.
 */
final class Responses {
  private Responses() {}

  static void reply(HttpServletResponse response, RequestState.Reply reply) throws IOException {
    response.setStatus(reply.status());
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    if (reply.contentType() != null) {
      response.setContentType(reply.contentType());
    }
    write(response, body);
  }

  /**
   * A signed-out request on a protected path: 503 when Clerk could not decide, a redirect to the
   * sign-in URL for a browser page when one is configured, else 401 with {@code WWW-Authenticate}.
   * The redirect's {@code redirect_url} is the public URL as {@code forwarded-headers} says.
   */
  static void signedOut(HttpServletResponse response, ClerkRequest request, RequestState state, ClerkOptions options)
      throws IOException {
    String signInUrl = options.signInUrl();
    AuthReason reason = state.reason() == null ? AuthReason.UNEXPECTED_ERROR : state.reason();
    boolean document = isDocument(request);
    response.setHeader("Cache-Control", "no-store");
    if (reason.isServiceFailure()) {
      send(response, 503, document, "service_unavailable", reason.value(),
          "Authentication is temporarily unavailable.");
      return;
    }
    if (document && signInUrl != null && isSafeMethod(request)) {
      String location = signInRedirect(signInUrl, options.forwardedHeaders().publicUrl(request));
      if (location != null) {
        response.setStatus(307);
        response.setHeader("Location", location);
        write(response, new byte[0]);
        return;
      }
    }
    response.setHeader("WWW-Authenticate", BearerChallenge.unauthorized(reason));
    send(response, 401, document, "unauthorized", reason.value(), "Sign in to see this page.");
  }

  /** A signed-in request without a role the path requires. */
  static void forbidden(HttpServletResponse response, ClerkRequest request)
      throws IOException {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("WWW-Authenticate", BearerChallenge.insufficientScope());
    send(response, 403, isDocument(request), "forbidden", "insufficient-role",
        "You do not have the role this page requires.");
  }

  /** A request whose path is ambiguous (encoded separators, dot segments that escape …). */
  static void badPath(HttpServletResponse response, ClerkRequest request) throws IOException {
    send(response, 400, isDocument(request), "bad_request", "ambiguous-path", "The request path is not valid.");
  }

  private static void send(
      HttpServletResponse response, int status, boolean document, String error, String reason, String text)
      throws IOException {
    response.setStatus(status);
    if (document) {
      response.setContentType("text/html;charset=UTF-8");
      write(response, ("<!DOCTYPE html><html><head><title>" + status + "</title></head><body><p>" + text
          + "</p></body></html>\n").getBytes(StandardCharsets.UTF_8));
    } else {
      response.setContentType("application/json");
      write(response, ("{\"error\":\"" + error + "\",\"reason\":\"" + jsonEscape(reason) + "\"}")
          .getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void write(HttpServletResponse response, byte[] body) throws IOException {
    response.setContentLength(body.length);
    if (body.length > 0) {
      OutputStream out = response.getOutputStream();
      out.write(body);
    }
    response.flushBuffer();
  }

  /**
   * {@return whether a browser asked for a page: {@code Sec-Fetch-Dest: document|iframe}, or, without
   * that header, an {@code Accept} that names {@code text/html} and not JSON}
   */
  static boolean isDocument(ClerkRequest request) {
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

  private static boolean isSafeMethod(ClerkRequest request) {
    return request.method().equals("GET") || request.method().equals("HEAD");
  }

  /**
   * {@return the sign-in URL with {@code redirect_url}, in ASCII ({@link RedirectUrls#ascii}), or null
   * when it would loop to this page}
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
        base + sep + "redirect_url=" + URLEncoder.encode(current.toString(), StandardCharsets.UTF_8) + fragment);
  }

  private static boolean sameResource(URI a, URI b) {
    return String.valueOf(a.getScheme()).equalsIgnoreCase(String.valueOf(b.getScheme()))
        && String.valueOf(a.getRawAuthority()).equalsIgnoreCase(String.valueOf(b.getRawAuthority()))
        && String.valueOf(a.getRawPath()).equals(String.valueOf(b.getRawPath()));
  }

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
}
