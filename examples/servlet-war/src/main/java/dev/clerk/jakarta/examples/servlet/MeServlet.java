package dev.clerk.jakarta.examples.servlet;

import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.auth.TokenType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/me} (protected in {@code web.xml}): the caller as JSON. The filter put the {@link
 * Auth} in the request attribute {@link ClerkAuth#ATTRIBUTE}; {@link ClerkAuth} is its null-safe
 * view.
 */
public class MeServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ClerkAuth auth = ClerkAuth.of((Auth) req.getAttribute(ClerkAuth.ATTRIBUTE));
    String json =
        "{"
            + "\"userId\":"
            + str(auth.userId())
            + ",\"sessionId\":"
            + str(auth.sessionId())
            + ",\"orgId\":"
            + str(auth.orgId())
            + ",\"orgRole\":"
            + str(auth.orgRole())
            + ",\"orgPermissions\":"
            + array(auth.orgPermissions())
            + ",\"tokenType\":"
            + str(auth.tokenType().map(TokenType::value))
            + "}";
    resp.setHeader("Cache-Control", "no-store");
    Html.send(resp, "application/json", json);
  }

  private static String str(Optional<String> v) {
    return v.map(MeServlet::quote).orElse("null");
  }

  private static String array(List<String> values) {
    StringBuilder sb = new StringBuilder("[");
    for (String v : values) {
      sb.append(sb.length() > 1 ? "," : "").append(quote(v));
    }
    return sb.append(']').toString();
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
