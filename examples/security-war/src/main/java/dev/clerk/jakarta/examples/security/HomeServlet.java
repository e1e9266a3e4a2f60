package dev.clerk.jakarta.examples.security;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * {@code GET /}: the public page. Clerk's mechanism still signs in a caller that presents a valid
 * session, so the page can greet it; an anonymous caller sees it too.
 */
@WebServlet("")
public class HomeServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Principal p = req.getUserPrincipal();
    Text.send(
        resp,
        200,
        "text/plain",
        p == null ? "public page, anonymous" : "public page, " + p.getName());
  }
}
