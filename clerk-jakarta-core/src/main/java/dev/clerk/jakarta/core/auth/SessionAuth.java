package dev.clerk.jakarta.core.auth;

import dev.clerk.jakarta.core.token.SessionClaims;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A signed-in user session, from a verified session token (v1 or v2 claims).
 *
 * @param userId {@code sub}
 * @param sessionId {@code sid}
 * @param sessionStatus {@code sts} ({@code active}; a {@code pending} session is signed out)
 * @param orgId the active organization, or null
 * @param orgRole the role in it with the {@code org:} prefix, or null
 * @param orgSlug its slug, or null
 * @param orgPermissions the permissions in it ({@code org:feature:permission}); empty without one
 * @param actor {@code act}: who impersonates the user, or null
 * @param factorVerificationAge {@code fva}: minutes since the first and second factor were verified
 *     ({@code -1} = never), or null
 * @param claims all claims
 * @param token the raw session token; never log it
 * @since 0.1
 */
public record SessionAuth(
    String userId,
    @Nullable String sessionId,
    @Nullable String sessionStatus,
    @Nullable String orgId,
    @Nullable String orgRole,
    @Nullable String orgSlug,
    List<String> orgPermissions,
    @Nullable Map<String, Object> actor,
    @Nullable List<Integer> factorVerificationAge,
    SessionClaims claims,
    String token)
    implements Auth {

  /**
   * Copies the lists.
   *
   * @param userId {@code sub}
   * @param sessionId {@code sid}
   * @param sessionStatus {@code sts}
   * @param orgId active organization
   * @param orgRole role with {@code org:} prefix
   * @param orgSlug organization slug
   * @param orgPermissions permissions
   * @param actor {@code act}
   * @param factorVerificationAge {@code fva}
   * @param claims all claims
   * @param token raw token
   */
  public SessionAuth {
    Objects.requireNonNull(userId, "userId == null");
    orgPermissions = List.copyOf(orgPermissions);
    Objects.requireNonNull(claims, "claims == null");
    Objects.requireNonNull(token, "token == null");
  }

  /**
   * Maps verified claims to a session as Clerk's {@code jwtPayloadParser}: v1 {@code org_*} claims,
   * or v2 {@code o} with permissions decoded from the {@code fpm} bitmask over the organization
   * features of {@code fea}.
   *
   * @param claims verified claims with a string {@code sub}
   * @param token the raw token
   * @return the session
   * @throws IllegalArgumentException if {@code sub} is missing
   */
  public static SessionAuth from(SessionClaims claims, String token) {
    String sub = claims.subject();
    if (sub == null) {
      throw new IllegalArgumentException("session token has no sub claim");
    }
    String orgId;
    String orgRole;
    String orgSlug;
    List<String> permissions;
    if (claims.version() == 2) {
      Map<String, Object> o = claims.getObject("o");
      orgId = o != null && o.get("id") instanceof String s ? s : null;
      orgSlug = o != null && o.get("slg") instanceof String s ? s : null;
      String rol = o != null && o.get("rol") instanceof String s ? s : null;
      orgRole = rol == null || rol.isEmpty() ? null : "org:" + rol;
      permissions = v2Permissions(claims.features(), o);
    } else {
      orgId = claims.getString("org_id");
      orgRole = claims.getString("org_role");
      orgSlug = claims.getString("org_slug");
      permissions = claims.getStringList("org_permissions");
    }
    return new SessionAuth(
        sub,
        claims.sessionId(),
        claims.sessionStatus(),
        orgId,
        orgRole,
        orgSlug,
        permissions,
        claims.actor(),
        claims.factorVerificationAge(),
        claims,
        token);
  }

  private static List<String> v2Permissions(@Nullable String fea, @Nullable Map<String, Object> o) {
    if (o == null
        || !(o.get("per") instanceof String per)
        || !(o.get("fpm") instanceof String fpm)) {
      return List.of();
    }
    if (fea == null || per.isEmpty() || fpm.isEmpty()) {
      return List.of();
    }
    List<String> orgFeatures = new ArrayList<>();
    for (String part : fea.split(",", -1)) {
      String p = part.trim();
      int colon = p.indexOf(':');
      if (colon < 0) {
        // Clerk's splitByScope throws here; a malformed claim grants nothing.
        return List.of();
      }
      String scope = p.substring(0, colon);
      if (scope.equals("o") || scope.equals("ou") || scope.equals("uo")) {
        orgFeatures.add(p.substring(colon + 1));
      }
    }
    String[] perms = per.split(",", -1);
    String[] masks = fpm.split(",", -1);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < masks.length && i < orgFeatures.size(); i++) {
      BigInteger mask;
      try {
        mask = new BigInteger(masks[i].trim());
      } catch (NumberFormatException e) {
        continue;
      }
      if (mask.signum() < 0) {
        // BigInteger.testBit sees a negative number in two's complement (-1 = every bit set); a
        // malformed mask grants nothing.
        continue;
      }
      for (int j = 0; j < perms.length; j++) {
        if (mask.testBit(j)) {
          out.add("org:" + orgFeatures.get(i) + ":" + perms[j]);
        }
      }
    }
    return List.copyOf(out);
  }

  @Override
  public boolean isAuthenticated() {
    return true;
  }

  @Override
  public TokenType tokenType() {
    return TokenType.SESSION_TOKEN;
  }

  @Override
  public String principalName() {
    return userId;
  }

  @Override
  public boolean has(Authorization check) {
    Objects.requireNonNull(check, "check == null");
    if (userId.isEmpty()) {
      return false; // Clerk: no userId, no authorization
    }
    Result org = checkOrg(check);
    Result billing = checkBilling(check);
    Result reverify = checkReverification(check);
    boolean any = false;
    for (Result r : new Result[] {org, billing, reverify}) {
      if (r == Result.FAIL) {
        return false;
      }
      any |= r == Result.PASS;
    }
    return any;
  }

  private enum Result {
    PASS,
    FAIL,
    SKIP
  }

  /** Clerk's prefixWithOrg: any leading run of {@code org:} (none included) becomes exactly one. */
  static String prefixWithOrg(String value) {
    int i = 0;
    while (value.startsWith("org:", i)) {
      i += 4;
    }
    return i == 4 ? value : "org:" + value.substring(i);
  }

  private Result checkOrg(Authorization check) {
    if (check.role() == null && check.permission() == null) {
      return Result.SKIP;
    }
    if (orgId == null || orgId.isEmpty()) {
      return Result.FAIL;
    }
    if (check.role() != null
        && (orgRole == null
            || orgRole.isEmpty()
            || !prefixWithOrg(orgRole).equals(prefixWithOrg(check.role())))) {
      return Result.FAIL;
    }
    if (check.permission() != null && !orgPermissions.contains(prefixWithOrg(check.permission()))) {
      return Result.FAIL;
    }
    return Result.PASS;
  }

  private Result checkBilling(Authorization check) {
    if (check.feature() == null && check.plan() == null) {
      return Result.SKIP;
    }
    if (check.feature() != null && !entitled(claims.features(), check.feature())) {
      return Result.FAIL;
    }
    if (check.plan() != null && !entitled(claims.plans(), check.plan())) {
      return Result.FAIL;
    }
    return Result.PASS;
  }

  private static boolean entitled(@Nullable String claim, String asked) {
    if (claim == null || claim.isEmpty()) {
      return false;
    }
    List<String> org = new ArrayList<>();
    List<String> user = new ArrayList<>();
    for (String part : claim.split(",", -1)) {
      String p = part.trim();
      int colon = p.indexOf(':');
      if (colon < 0) {
        return false; // malformed claim: fail closed
      }
      String scope = p.substring(0, colon);
      String value = p.substring(colon + 1);
      if (scope.equals("o")) {
        org.add(value);
      } else if (scope.equals("u")) {
        user.add(value);
      } else if (scope.equals("ou") || scope.equals("uo")) {
        org.add(value);
        user.add(value);
      }
    }
    String[] parts = asked.split(":", -1);
    if (parts.length == 1) {
      return org.contains(asked) || user.contains(asked);
    }
    String scope = parts[0];
    String id = parts[1].isEmpty() ? scope : parts[1];
    return switch (scope) {
      case "o", "org", "organization" -> org.contains(id);
      case "u", "user" -> user.contains(id);
      default -> false; // Clerk throws "Invalid scope"; fail closed
    };
  }

  private Result checkReverification(Authorization check) {
    Reverification r = check.reverification();
    if (r == null) {
      return Result.SKIP;
    }
    List<Integer> fva = factorVerificationAge;
    if (fva == null || fva.size() != 2) {
      return Result.FAIL;
    }
    int f1 = fva.get(0);
    int f2 = fva.get(1);
    // -1 = factor group not enabled; both -1 (or malformed ages) fail closed.
    if (!validAge(f1) || !validAge(f2) || (f1 == -1 && f2 == -1)) {
      return Result.FAIL;
    }
    int after = r.afterMinutes();
    boolean f1Fresh = f1 != -1 && after > f1;
    boolean f2Fresh = f2 != -1 && after > f2;
    boolean ok =
        switch (r.level()) {
          case FIRST_FACTOR -> f1Fresh;
          case SECOND_FACTOR -> f2 != -1 ? f2Fresh : f1Fresh;
          case MULTI_FACTOR -> f1 != -1 && (f2 == -1 ? f1Fresh : f1Fresh && f2Fresh);
        };
    return ok ? Result.PASS : Result.FAIL;
  }

  private static boolean validAge(int age) {
    return age == -1 || age >= 0;
  }

  /** Leaves out the token and claim values. */
  @Override
  public String toString() {
    return "SessionAuth{userId="
        + userId
        + ", sessionId="
        + sessionId
        + ", orgId="
        + orgId
        + ", orgRole="
        + orgRole
        + "}";
  }
}
