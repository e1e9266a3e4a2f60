package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.auth.MachineAuth;
import dev.clerk.jakarta.core.auth.SessionAuth;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.request.ResponseHeader;
import dev.clerk.jakarta.core.token.SessionClaims;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stands in for clerk-jakarta-filter's ClerkFilter in front of the JAX-RS servlet: decides from the
 * test header {@code X-Test-Auth}, stores the decision as {@link ClerkAuth#STATE_ATTRIBUTE} and
 * adds its headers to the servlet response, as the servlet filter does.
 *
 * <p>{@code X-Test-Auth}: {@code
 * sub=user_1;org=org_1;role=org:admin;perms=a,b;fva=1,1;fea=u:x;pla=u:pro}, {@code
 * machine=api_key:user_9}, {@code refreshed} (signed in with two {@code Set-Cookie}), {@code
 * expired}, {@code outage}; absent = no credentials.
 */
public class PresetStateFilter implements Filter {
  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    RequestState state = decide(request.getHeader("X-Test-Auth"));
    for (ResponseHeader h : state.headers()) {
      ((HttpServletResponse) res).addHeader(h.name(), h.value());
    }
    request.setAttribute(ClerkAuth.STATE_ATTRIBUTE, state);
    request.setAttribute(ClerkAuth.ATTRIBUTE, state.auth());
    chain.doFilter(req, res);
  }

  static RequestState decide(String spec) {
    if (spec == null) {
      return RequestState.signedOut(AuthReason.SESSION_TOKEN_AND_UAT_MISSING, "");
    }
    if (spec.equals("expired")) {
      return RequestState.signedOut(AuthReason.of("token-expired"), "JWT is expired");
    }
    if (spec.equals("outage")) {
      return RequestState.signedOut(AuthReason.of("jwk-remote-failed-to-load"), "JWKS unreachable");
    }
    if (spec.equals("refreshed")) {
      // A signed-in decision that carries cookies, as a production handshake resolution or refresh.
      return RequestState.signedIn(
          SessionAuth.from(
              SessionClaims.of(Map.of("sub", "user_r", "sid", "sess_r")), "session-token"),
          List.of(
              new ResponseHeader("Set-Cookie", "__session=fresh; Path=/; Secure"),
              new ResponseHeader("Set-Cookie", "__client_uat=1700000000; Path=/; Secure")));
    }
    if (spec.startsWith("machine=")) {
      String[] parts = spec.substring("machine=".length()).split(":", 2);
      TokenType type = TokenType.fromValue(parts[0]).orElseThrow();
      return RequestState.signedIn(
          new MachineAuth(type, "id_1", parts[1], List.of(), null, null, null, "machine-token"),
          List.of());
    }
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sid", "sess_1");
    for (String pair : spec.split(";")) {
      String[] kv = pair.split("=", 2);
      switch (kv[0]) {
        case "sub" -> claims.put("sub", kv[1]);
        case "org" -> claims.put("org_id", kv[1]);
        case "role" -> claims.put("org_role", kv[1]);
        case "perms" -> claims.put("org_permissions", List.of(kv[1].split(",")));
        case "fva" ->
            claims.put("fva", Arrays.stream(kv[1].split(",")).map(Integer::valueOf).toList());
        case "fea" -> claims.put("fea", kv[1]);
        case "pla" -> claims.put("pla", kv[1]);
        default -> throw new IllegalArgumentException(kv[0]);
      }
    }
    return RequestState.signedIn(
        SessionAuth.from(SessionClaims.of(claims), "session-token"), List.of());
  }
}
