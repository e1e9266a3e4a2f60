package dev.clerk.jakarta.examples.servlet;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.auth.SessionAuth;
import dev.clerk.jakarta.core.backend.ClerkApiException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /sign-out} (public; the home page's "Sign out" button): ends the signed-in session at
 * Clerk through the Backend API ({@code POST /v1/sessions/{id}/revoke}), so that Clerk's next
 * handshake for this browser answers signed out, and clears the session cookies on this domain as
 * Clerk's JavaScript does ({@code __session} removed, {@code __client_uat=0}); then back to {@code
 * /}, which says {@code Signed out}. The {@link Clerk} is the filter's, from the {@code
 * ServletContext}.
 */
public class SignOutServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final System.Logger LOG = System.getLogger(SignOutServlet.class.getName());

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String sessionId =
        req.getAttribute(ClerkAuth.ATTRIBUTE) instanceof SessionAuth session
            ? session.sessionId()
            : null;
    if (sessionId != null
        && getServletContext().getAttribute(Clerk.CONTEXT_ATTRIBUTE) instanceof Clerk clerk) {
      try {
        clerk.backendApi().sessions().revoke(sessionId);
      } catch (IOException | ClerkApiException e) {
        // The cookies are cleared all the same; the session ends at Clerk when it expires.
        LOG.log(
            System.Logger.Level.WARNING,
            "could not revoke the session at Clerk: " + e.getMessage());
      }
    }
    resp.addHeader("Set-Cookie", "__session=; Path=/; Max-Age=0; SameSite=Lax");
    resp.addHeader("Set-Cookie", "__client_uat=0; Path=/; SameSite=Lax");
    resp.setHeader("Cache-Control", "no-store");
    resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
    resp.setHeader("Location", req.getContextPath() + "/");
  }
}
