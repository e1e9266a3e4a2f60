package dev.clerk.jakarta.core.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An authenticated machine: an API key, an M2M token or an OAuth access token.
 *
 * @param tokenType which kind of machine token
 * @param id the token's id ({@code ak_…}, {@code mt_…}, {@code oat_…} id, or {@code jti})
 * @param subject who the token acts for: {@code user_…}, {@code org_…} or {@code mch_…}
 * @param scopes granted scopes
 * @param name the API key's name, or null
 * @param claims custom claims, or null
 * @param clientId the OAuth client id, or null
 * @param token the raw token; never log it
 * @since 0.1
 */
public record MachineAuth(
    TokenType tokenType,
    @Nullable String id,
    String subject,
    List<String> scopes,
    @Nullable String name,
    @Nullable Map<String, Object> claims,
    @Nullable String clientId,
    String token)
    implements Auth {

  /**
   * Checks and copies.
   *
   * @param tokenType a machine type
   * @param id token id
   * @param subject subject
   * @param scopes scopes
   * @param name name
   * @param claims claims
   * @param clientId client id
   * @param token raw token
   */
  public MachineAuth {
    Objects.requireNonNull(tokenType, "tokenType == null");
    if (!tokenType.isMachine()) {
      throw new IllegalArgumentException("not a machine token type: " + tokenType);
    }
    Objects.requireNonNull(subject, "subject == null");
    scopes = List.copyOf(scopes);
    claims = claims == null ? null : Map.copyOf(claims);
    Objects.requireNonNull(token, "token == null");
  }

  /** {@return the user id: an OAuth token's subject, or an API key's subject when it is a user} */
  public @Nullable String userId() {
    return switch (tokenType) {
      case OAUTH_TOKEN -> subject;
      case API_KEY -> subject.startsWith("user_") ? subject : null;
      default -> null;
    };
  }

  /** {@return the organization id of an API key whose subject is an organization} */
  public @Nullable String orgId() {
    return tokenType == TokenType.API_KEY && subject.startsWith("org_") ? subject : null;
  }

  /** {@return the machine id of an M2M token} */
  public @Nullable String machineId() {
    return tokenType == TokenType.M2M_TOKEN ? subject : null;
  }

  @Override
  public boolean isAuthenticated() {
    return true;
  }

  @Override
  public String principalName() {
    return subject;
  }

  /** Always false, as Clerk's machine auth objects. */
  @Override
  public boolean has(Authorization check) {
    Objects.requireNonNull(check, "check == null");
    return false;
  }

  /** Leaves out the token. */
  @Override
  public String toString() {
    return "MachineAuth{tokenType="
        + tokenType
        + ", id="
        + id
        + ", subject="
        + subject
        + ", scopes="
        + scopes
        + "}";
  }
}
