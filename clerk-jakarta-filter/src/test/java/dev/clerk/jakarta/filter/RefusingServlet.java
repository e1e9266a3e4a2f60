package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.Authorization;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.authz.AccessDecision;
import dev.clerk.jakarta.core.authz.ClerkAccessException;
import dev.clerk.jakarta.core.authz.Requirement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Test servlet on a public path that behaves as a CDI bean guarded by
 * {@code @RequireRole("org:admin")} does: it decides with core's {@link Requirement} and throws the
 * {@link ClerkAccessException}, after writing to the response buffer. The path says how: {@code
 * /refuse/direct}, {@code /refuse/servlet} (wrapped in a {@code ServletException}), {@code
 * /refuse/runtime} (wrapped in another exception), {@code /refuse/committed} (after flushing).
 */
public class RefusingServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp)
      throws IOException, ServletException {
    resp.setContentType("text/plain;charset=UTF-8");
    resp.getWriter().write("partial output of the servlet\n");
    Auth auth = req.getAttribute(ClerkAuth.ATTRIBUTE) instanceof Auth a ? a : null;
    AccessDecision decision = Requirement.scope(Authorization.role("org:admin")).decide(auth);
    if (decision.isAllowed()) {
      resp.getWriter().write("allowed\n");
      return;
    }
    ClerkAccessException refused = new ClerkAccessException(decision);
    switch (String.valueOf(req.getPathInfo())) {
      case "/servlet" -> throw new ServletException("the bean refused", refused);
      case "/runtime" -> throw new IllegalStateException("a framework wrapped it", refused);
      case "/committed" -> {
        resp.flushBuffer();
        throw refused;
      }
      default -> throw refused;
    }
  }
}
