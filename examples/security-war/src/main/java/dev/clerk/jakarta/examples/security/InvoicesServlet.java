package dev.clerk.jakarta.examples.security;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.authz.ClerkAccessException;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.filter.ServletClerk;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /invoices} ({@code ?approve} to approve): not constrained in {@code web.xml}, so
 * anyone reaches it, and {@link InvoiceService}'s interceptor decides. Its refusal ({@code
 * ClerkAccessException}) is answered as Clerk's filter would answer it: {@code 401} signed out,
 * {@code 403} without the permission or role, with Clerk's JSON.
 */
@WebServlet("/invoices")
public class InvoicesServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient InvoiceService invoices;

  @Inject transient Clerk clerk;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String answer;
    try {
      answer = req.getParameter("approve") != null ? invoices.approve() : invoices.invoices();
    } catch (ClerkAccessException e) {
      RequestState state = (RequestState) req.getAttribute(ClerkAuth.STATE_ATTRIBUTE);
      ServletClerk.send(
          resp, e.decision().refusal(clerk.refusals(), ServletClerk.toClerkRequest(req), state));
      return;
    }
    Text.send(resp, 200, "text/plain", answer);
  }
}
