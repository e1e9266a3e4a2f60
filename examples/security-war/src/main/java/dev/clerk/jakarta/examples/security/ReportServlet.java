package dev.clerk.jakarta.examples.security;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /api/report} (any signed-in caller): calls {@link InvoiceReport#summary()}, which only
 * {@code org:admin} may. A refusal by the EJB container is answered with {@code 403}: it is the
 * caller's lack of a role, not a server error.
 */
public class ReportServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @EJB private InvoiceReport report;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String summary;
    try {
      summary = report.summary();
    } catch (EJBAccessException e) {
      Text.send(
          resp,
          403,
          "application/json",
          "{\"error\":\"forbidden\",\"reason\":\"ejb-role-required\"}");
      return;
    }
    Text.send(resp, 200, "text/plain", summary);
  }
}
