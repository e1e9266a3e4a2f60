package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.auth.ClerkAuth;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.Principal;

/** Test servlet: prints what the container tells about the caller, one {@code key=value} a line. */
public class WhoAmIServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setContentType("text/plain;charset=UTF-8");
    PrintWriter w = resp.getWriter();
    print(req, w);
  }

  static void print(HttpServletRequest req, PrintWriter w) {
    Principal p = req.getUserPrincipal();
    w.println("principal=" + (p == null ? "anonymous" : p.getName()));
    w.println("principalType=" + (p == null ? "none" : p.getClass().getSimpleName()));
    w.println("remoteUser=" + req.getRemoteUser());
    w.println("authType=" + req.getAuthType());
    w.println("dispatcher=" + req.getDispatcherType());
    Object auth = req.getAttribute(ClerkAuth.ATTRIBUTE);
    w.println("auth=" + (auth == null ? "none" : auth.getClass().getSimpleName()));
    Object state = req.getAttribute(ClerkAuth.STATE_ATTRIBUTE);
    w.println("state=" + state);
    String[] roles = req.getParameterValues("role");
    if (roles != null) {
      for (String r : roles) {
        w.println("inRole:" + r + "=" + req.isUserInRole(r));
      }
    }
    w.flush();
  }

  /**
   * Answers {@code OPTIONS} with everything a handler could leak: a body, a cookie, an application
   * header, and CORS headers (one echoing who it saw); {@code ?mode=error} sends an error with a
   * message, {@code ?mode=redirect} a redirect.
   */
  @Override
  protected void doOptions(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Principal p = req.getUserPrincipal();
    resp.setHeader("X-Reached", "whoami");
    resp.setHeader("Access-Control-Allow-Origin", "https://app.example.com");
    resp.setHeader(
        "Access-Control-Allow-Headers", "seen-" + (p == null ? "anonymous" : p.getName()));
    resp.setHeader("Allow", "GET, HEAD, OPTIONS");
    resp.addCookie(new Cookie("secret", "cookie"));
    resp.addHeader("Set-Cookie", "secret2=header");
    if ("error".equals(req.getParameter("mode"))) {
      resp.sendError(418, "secret-in-message");
      return;
    }
    if ("redirect".equals(req.getParameter("mode"))) {
      resp.sendRedirect("/secret-location");
      return;
    }
    resp.setContentType("text/plain;charset=UTF-8");
    resp.getWriter().print("secret-options-body");
  }
}
