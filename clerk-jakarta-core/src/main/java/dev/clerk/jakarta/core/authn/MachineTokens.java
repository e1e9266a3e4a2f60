package dev.clerk.jakarta.core.authn;

import dev.clerk.jakarta.core.auth.MachineAuth;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.token.SessionClaims;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Maps verified machine JWTs to {@link MachineAuth} as Clerk's {@code fromJwtPayload} (spec §5.2).
 */
final class MachineTokens {
  private static final Set<String> M2M_STANDARD_CLAIMS =
      Set.of("iss", "sub", "exp", "nbf", "iat", "jti");

  private MachineTokens() {}

  /**
   * {@code M2MToken.fromJwtPayload}: scopes from {@code scopes} (space separated) or {@code aud}.
   */
  static MachineAuth m2mFromJwt(SessionClaims claims, String token) {
    List<String> scopes;
    if (claims.get("scopes") instanceof String s) {
      scopes = split(s);
    } else {
      scopes = claims.audience();
    }
    Map<String, Object> rest = new LinkedHashMap<>();
    claims
        .asMap()
        .forEach(
            (k, v) -> {
              if (!M2M_STANDARD_CLAIMS.contains(k) && v != null) {
                rest.put(k, v);
              }
            });
    return new MachineAuth(
        TokenType.M2M_TOKEN,
        claims.tokenId(),
        Objects.requireNonNull(claims.subject(), "sub"),
        scopes,
        null,
        rest.isEmpty() ? null : rest,
        null,
        token);
  }

  /** {@code IdPOAuthAccessToken.fromJwtPayload}: scopes from {@code scp} or {@code scope}. */
  static MachineAuth oauthFromJwt(SessionClaims claims, String token) {
    List<String> scopes;
    Object scp = claims.get("scp");
    if (scp instanceof List<?> list) {
      scopes = new ArrayList<>();
      for (Object o : list) {
        if (o instanceof String s) {
          scopes.add(s);
        }
      }
    } else if (scp instanceof String s) {
      scopes = List.of(s);
    } else if (claims.get("scope") instanceof String s) {
      scopes = split(s);
    } else {
      scopes = List.of();
    }
    return new MachineAuth(
        TokenType.OAUTH_TOKEN,
        claims.tokenId(),
        Objects.requireNonNull(claims.subject(), "sub"),
        scopes,
        null,
        null,
        stringOrNull(claims.get("client_id")),
        token);
  }

  private static @Nullable String stringOrNull(@Nullable Object o) {
    return o instanceof String s ? s : null;
  }

  private static List<String> split(String s) {
    return Arrays.stream(s.split(" ")).filter(p -> !p.isEmpty()).toList();
  }
}
