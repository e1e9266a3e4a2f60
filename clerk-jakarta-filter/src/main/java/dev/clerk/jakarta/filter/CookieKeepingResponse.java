package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.request.ResponseHeader;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The response downstream sees when Clerk's decision set cookies (a resolved handshake, a refreshed
 * session): {@code setHeader("Set-Cookie", v)} replaces the application's cookies but keeps
 * Clerk's, so that the new session reaches the browser. JAX-RS runtimes do exactly that (Jersey
 * replaces every header its response carries), and a resource that sets a cookie of its own would
 * otherwise drop the session the filter just established. {@code reset()} still clears everything.
 *
 * <p>Used by one request thread at a time, as any servlet response.
 */
final class CookieKeepingResponse extends HttpServletResponseWrapper {
  private static final String SET_COOKIE = "Set-Cookie";
  private final List<String> clerkCookies;

  CookieKeepingResponse(HttpServletResponse response, List<String> clerkCookies) {
    super(response);
    this.clerkCookies = List.copyOf(clerkCookies);
  }

  /**
   * {@return {@code response}, wrapped when Clerk's decision set cookies} Clerk's {@code
   * Set-Cookie} must survive a later {@code setHeader} (a JAX-RS runtime's). Nearly every request
   * has no headers from the decision: nothing is allocated then.
   *
   * @param response the container's response
   * @param headers the headers of Clerk's decision, already added to {@code response}
   */
  static HttpServletResponse around(HttpServletResponse response, List<ResponseHeader> headers) {
    if (headers.isEmpty()) {
      return response;
    }
    List<String> cookies = null;
    for (ResponseHeader h : headers) {
      if (h.name().equalsIgnoreCase(SET_COOKIE)) {
        if (cookies == null) {
          cookies = new ArrayList<>();
        }
        cookies.add(h.value());
      }
    }
    return cookies == null ? response : new CookieKeepingResponse(response, cookies);
  }

  @Override
  public void setHeader(String name, String value) {
    super.setHeader(name, value);
    if (SET_COOKIE.equalsIgnoreCase(name)) {
      for (String c : clerkCookies) {
        if (!c.equals(value)) {
          super.addHeader(SET_COOKIE, c);
        }
      }
    }
  }
}
