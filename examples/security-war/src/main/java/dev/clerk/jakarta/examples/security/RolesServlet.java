package dev.clerk.jakarta.examples.security;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /roles}: a public endpoint that decides by itself with {@code request.isUserInRole}:
 * {@code org:admin=true} or {@code org:admin=false}.
 */
@WebServlet("/roles")
public class RolesServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Text.send(resp, 200, "text/plain", "org:admin=" + req.isUserInRole("org:admin"));
  }
}
