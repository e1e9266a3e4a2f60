package dev.clerk.jakarta.examples.security;

import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * {@code GET /api/me} (any signed-in caller, role {@code **} in {@code web.xml}): who the container
 * says the caller is, and what {@code request.isUserInRole} answers for {@code org:admin} and
 * {@code org:invoices:read}, beside Clerk's own view ({@link ClerkAuth#ATTRIBUTE}, which the
 * mechanism stored).
 */
public class MeServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Principal p = req.getUserPrincipal();
    ClerkAuth auth = ClerkAuth.of((Auth) req.getAttribute(ClerkAuth.ATTRIBUTE));
    String json =
        "{\"principal\":"
            + (p == null ? "null" : Text.quote(p.getName()))
            + ",\"userId\":"
            + auth.userId().map(Text::quote).orElse("null")
            + ",\"orgRole\":"
            + auth.orgRole().map(Text::quote).orElse("null")
            + ",\"admin\":"
            + req.isUserInRole("org:admin")
            + ",\"invoicesRead\":"
            + req.isUserInRole("org:invoices:read")
            + "}";
    Text.send(resp, 200, "application/json", json);
  }
}
