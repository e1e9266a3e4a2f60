package dev.clerk.jakarta.examples.security;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /admin/*}: only callers with the organization role {@code org:admin} reach it; {@code
 * web.xml}'s {@code <security-constraint>} says so and the container enforces it, with the roles
 * Clerk's mechanism gave the caller. The servlet itself checks nothing.
 */
public class AdminServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Text.send(resp, 200, "text/plain", "admin " + req.getRemoteUser());
  }
}
