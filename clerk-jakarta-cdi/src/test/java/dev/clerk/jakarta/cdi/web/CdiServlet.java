package dev.clerk.jakarta.cdi.web;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A servlet that reaches CDI beans: {@code /me} prints the request's ClerkAuth as the servlet and
 * the bean see it and whether both are the decision in the request attribute; {@code /admin} calls
 * a bean method guarded by {@code @RequireRole("org:admin")}; {@code /clerk} whether CDI's Clerk is
 * the one the application shares.
 */
public class CdiServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    CDI<Object> cdi = CDI.current();
    Account account = cdi.select(Account.class).get();
    resp.setContentType("text/plain;charset=UTF-8");
    String out =
        switch (String.valueOf(req.getPathInfo())) {
          case "/admin" -> account.adminReport();
          case "/clerk" ->
              "shared="
                  + (cdi.select(Clerk.class).get()
                      == req.getServletContext().getAttribute(Clerk.CONTEXT_ATTRIBUTE));
          default -> {
            ClerkAuth auth = cdi.select(ClerkAuth.class).get();
            yield "user="
                + auth.userId().orElse("anonymous")
                + " bean="
                + (auth.isAuthenticated() ? account.whoAmI() : "-")
                + " reused="
                + (auth.auth() == req.getAttribute(ClerkAuth.ATTRIBUTE)
                    && account.decision() == req.getAttribute(ClerkAuth.ATTRIBUTE));
          }
        };
    resp.getWriter().write(out);
  }
}
