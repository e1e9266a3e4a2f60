package dev.clerk.jakarta.filter;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * Test servlet standing for protected content: every answer carries the marker {@code CONTENT:} in
 * its body and an {@code X-Secret} header, so that a test sees whether it was reached. Its {@code
 * OPTIONS} answer also carries CORS headers and a cookie.
 */
public class SecretServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Principal p = req.getUserPrincipal();
    resp.setHeader("X-Secret", "get");
    resp.setContentType("text/plain;charset=UTF-8");
    resp.getWriter()
        .print(
            "CONTENT:"
                + req.getDispatcherType()
                + " principal="
                + (p == null ? "anonymous" : p.getName())
                + "\n");
  }

  @Override
  protected void doOptions(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setHeader("X-Secret", "options");
    resp.setHeader("Access-Control-Allow-Origin", "https://app.example.com");
    resp.setHeader("Allow", "GET, HEAD, OPTIONS");
    resp.addHeader("Set-Cookie", "secret=1");
    resp.setContentType("text/plain;charset=UTF-8");
    resp.getWriter().print("CONTENT:options\n");
  }
}
