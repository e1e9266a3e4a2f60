package dev.clerk.jakarta.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.token.SessionClaims;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionAuthTest {
  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.e30.c2ln";

  private static Map<String, Object> base() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sub", "user_1");
    m.put("sid", "sess_1");
    m.put("iss", "https://clerk.example.com");
    m.put("exp", 1768471260L);
    return m;
  }

  private static SessionAuth auth(Map<String, Object> claims) {
    return SessionAuth.from(SessionClaims.of(claims), TOKEN);
  }

  private static SessionAuth v1Admin() {
    Map<String, Object> m = base();
    m.put("org_id", "org_1");
    m.put("org_slug", "acme");
    m.put("org_role", "org:admin");
    m.put("org_permissions", List.of("org:invoices:read", "org:invoices:manage"));
    return auth(m);
  }

  private static SessionAuth withFva(int f1, int f2) {
    Map<String, Object> m = base();
    m.put("fva", List.of(f1, f2));
    return auth(m);
  }

  // ---- mapping -------------------------------------------------------------------------

  @Test
  void fromWhenV1ClaimsThenOrgClaimsAreRead() {
    SessionAuth a = v1Admin();
    assertEquals("user_1", a.userId());
    assertEquals("sess_1", a.sessionId());
    assertEquals("org_1", a.orgId());
    assertEquals("acme", a.orgSlug());
    assertEquals("org:admin", a.orgRole());
    assertEquals(List.of("org:invoices:read", "org:invoices:manage"), a.orgPermissions());
    assertEquals(TOKEN, a.token());
    assertEquals(TokenType.SESSION_TOKEN, a.tokenType());
    assertTrue(a.isAuthenticated());
    assertEquals("user_1", a.principalName());
  }

  @Test
  void fromWhenV2FpmExampleThenPermissionsDecodedAsClerkDoes() {
    Map<String, Object> m = base();
    m.put("v", 2);
    m.put("fea", "o:reservations,u:dashboard,uo:support-chat,o:impersonation");
    m.put(
        "o",
        Map.of("id", "org_2", "slg", "inn", "rol", "admin", "per", "read,manage", "fpm", "2,3"));
    SessionAuth a = auth(m);
    assertEquals("org_2", a.orgId());
    assertEquals("inn", a.orgSlug());
    assertEquals("org:admin", a.orgRole());
    assertEquals(
        List.of("org:reservations:manage", "org:support-chat:read", "org:support-chat:manage"),
        a.orgPermissions());
  }

  @Test
  void fromWhenV2WithoutPerOrFpmThenNoPermissions() {
    Map<String, Object> m = base();
    m.put("v", 2);
    m.put("fea", "o:reservations");
    m.put("o", Map.of("id", "org_2", "rol", "member", "per", "read"));
    assertEquals(List.of(), auth(m).orgPermissions());
    m.put("o", Map.of("id", "org_2", "rol", "member", "fpm", "1"));
    assertEquals(List.of(), auth(m).orgPermissions());
  }

  @Test
  void fromWhenV2MaskNegativeThenThatFeatureGrantsNothing() {
    Map<String, Object> m = base();
    m.put("v", 2);
    m.put("fea", "o:reservations,o:billing");
    m.put("o", Map.of("id", "org_2", "rol", "admin", "per", "read,manage,delete", "fpm", "-1,1"));
    assertEquals(List.of("org:billing:read"), auth(m).orgPermissions());
  }

  @Test
  void fromWhenVersionIsNotExactlyTwoThenV2ClaimsIgnored() {
    Map<String, Object> m = base();
    m.put("v", 2.5);
    m.put("fea", "o:reservations");
    m.put("o", Map.of("id", "org_2", "rol", "admin", "per", "read", "fpm", "1"));
    SessionAuth a = auth(m);
    assertEquals(null, a.orgId());
    assertEquals(List.of(), a.orgPermissions());
  }

  @Test
  void fromWhenV2FeatureEntryHasNoScopeThenNoPermissions() {
    Map<String, Object> m = base();
    m.put("v", 2);
    m.put("fea", "o:reservations,broken");
    m.put("o", Map.of("id", "org_2", "rol", "admin", "per", "read", "fpm", "1"));
    assertEquals(List.of(), auth(m).orgPermissions());
  }

  @Test
  void fromWhenV2WithoutOrganizationThenOrgFieldsNull() {
    Map<String, Object> m = base();
    m.put("v", 2);
    m.put("fea", "u:dashboard");
    SessionAuth a = auth(m);
    assertNull(a.orgId());
    assertNull(a.orgRole());
    assertNull(a.orgSlug());
    assertEquals(List.of(), a.orgPermissions());
  }

  @Test
  void fromWhenStsActFvaThenMapped() {
    Map<String, Object> m = base();
    m.put("sts", "pending");
    m.put("act", Map.of("sub", "user_admin", "type", "agent"));
    m.put("fva", List.of(3, -1));
    SessionAuth a = auth(m);
    assertEquals("pending", a.sessionStatus());
    assertEquals(Map.of("sub", "user_admin", "type", "agent"), a.actor());
    assertEquals(List.of(3, -1), a.factorVerificationAge());
  }

  @Test
  void fromWhenNoSubThenFails() {
    Map<String, Object> m = base();
    m.remove("sub");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> auth(m));
    assertEquals("session token has no sub claim", e.getMessage());
  }

  @Test
  void toStringWhenCalledThenLeavesOutTheToken() {
    String s = v1Admin().toString();
    assertEquals("SessionAuth{userId=user_1, sessionId=sess_1, orgId=org_1, orgRole=org:admin}", s);
    assertFalse(s.contains(TOKEN));
  }

  // ---- has(): organization ---------------------------------------------------------------

  @Test
  void hasWhenRoleMatchesWithOrWithoutPrefixThenTrue() {
    assertTrue(v1Admin().has(Authorization.role("org:admin")));
    assertTrue(v1Admin().has(Authorization.role("admin")));
    assertFalse(v1Admin().has(Authorization.role("org:member")));
  }

  @Test
  void hasWhenPermissionMatchesWithOrWithoutPrefixThenTrue() {
    assertTrue(v1Admin().has(Authorization.permission("org:invoices:read")));
    assertTrue(v1Admin().has(Authorization.permission("invoices:manage")));
    assertFalse(v1Admin().has(Authorization.permission("org:invoices:delete")));
  }

  @Test
  void hasWhenRoleAndPermissionAskedThenBothMustPass() {
    assertTrue(
        v1Admin().has(Authorization.role("admin").and(Authorization.permission("invoices:read"))));
    assertFalse(
        v1Admin().has(Authorization.role("member").and(Authorization.permission("invoices:read"))));
    assertFalse(
        v1Admin()
            .has(Authorization.role("admin").and(Authorization.permission("invoices:delete"))));
  }

  @Test
  void hasWhenNoActiveOrganizationThenOrgChecksFail() {
    assertFalse(auth(base()).has(Authorization.role("org:admin")));
    assertFalse(auth(base()).has(Authorization.permission("org:invoices:read")));
  }

  @Test
  void hasWhenV2PermissionFromFpmThenTrue() {
    Map<String, Object> m = base();
    m.put("v", 2);
    m.put("fea", "o:reservations,u:dashboard,uo:support-chat,o:impersonation");
    m.put("o", Map.of("id", "org_2", "rol", "admin", "per", "read,manage", "fpm", "2,3"));
    SessionAuth a = auth(m);
    assertTrue(a.has(Authorization.permission("org:support-chat:read")));
    assertFalse(a.has(Authorization.permission("org:reservations:read")));
    assertFalse(a.has(Authorization.permission("org:impersonation:read")));
  }

  // ---- has(): billing ----------------------------------------------------------------------

  private static SessionAuth billing() {
    Map<String, Object> m = base();
    m.put("v", 2);
    m.put("fea", "o:dashboard,u:export,uo:chat");
    m.put("pla", "u:free,o:pro");
    return auth(m);
  }

  @ParameterizedTest
  @CsvSource({
    "o:dashboard, true",
    "org:dashboard, true",
    "organization:dashboard, true",
    "u:dashboard, false",
    "user:export, true",
    "o:export, false",
    "dashboard, true",
    "export, true",
    "chat, true",
    "o:chat, true",
    "u:chat, true",
    "missing, false",
    "team:dashboard, false"
  })
  void hasWhenFeatureAskedThenScopeDecides(String feature, boolean expected) {
    assertEquals(expected, billing().has(Authorization.feature(feature)));
  }

  @Test
  void hasWhenPlanAskedThenScopeDecides() {
    assertTrue(billing().has(Authorization.plan("u:free")));
    assertTrue(billing().has(Authorization.plan("org:pro")));
    assertTrue(billing().has(Authorization.plan("pro")));
    assertFalse(billing().has(Authorization.plan("user:pro")));
  }

  @Test
  void hasWhenV1TokenWithoutFeaThenFeatureFails() {
    assertFalse(v1Admin().has(Authorization.feature("dashboard")));
  }

  @Test
  void hasWhenOrgAndBillingAskedThenBothMustPass() {
    Map<String, Object> m = base();
    m.put("v", 2);
    m.put("fea", "o:dashboard");
    m.put("o", Map.of("id", "org_2", "rol", "admin"));
    assertTrue(auth(m).has(Authorization.role("admin").and(Authorization.feature("dashboard"))));
    assertFalse(auth(m).has(Authorization.role("member").and(Authorization.feature("dashboard"))));
  }

  // ---- has(): reverification -----------------------------------------------------------

  @ParameterizedTest(name = "fva [{0},{1}] {2} -> {3}")
  @CsvSource({
    // strict = second_factor within 10 minutes
    "0, 0, strict, true",
    "9, 9, strict, true",
    "0, 10, strict, false",
    "20, 5, strict, true",
    "5, -1, strict, true",
    "20, -1, strict, false",
    "-1, 5, strict, true",
    "-1, -1, strict, false",
    // strict_mfa = multi_factor within 10 minutes
    "5, 5, strict_mfa, true",
    "5, 20, strict_mfa, false",
    "20, 5, strict_mfa, false",
    "5, -1, strict_mfa, true",
    "-1, 5, strict_mfa, false",
    // moderate = second_factor within 60 minutes; lax within a day
    "59, 59, moderate, true",
    "0, 60, moderate, false",
    "0, 1439, lax, true",
    "0, 1440, lax, false"
  })
  void hasWhenReverificationPresetThenFactorAgesDecide(
      int f1, int f2, String preset, boolean expected) {
    assertEquals(
        expected, withFva(f1, f2).has(Authorization.reverification(Reverification.preset(preset))));
  }

  @ParameterizedTest
  @CsvSource({"0, -1, true", "9, 100, true", "10, 0, false", "-1, 0, false"})
  void hasWhenFirstFactorLevelThenOnlyFirstFactorAgeCounts(int f1, int f2, boolean expected) {
    Reverification firstFactor = new Reverification(Reverification.Level.FIRST_FACTOR, 10);
    assertEquals(expected, withFva(f1, f2).has(Authorization.reverification(firstFactor)));
  }

  @Test
  void hasWhenReverificationAskedWithoutFvaThenFalse() {
    assertFalse(auth(base()).has(Authorization.reverification(Reverification.LAX)));
  }

  @Test
  void hasWhenFvaMalformedThenFalse() {
    Map<String, Object> m = base();
    m.put("fva", List.of(-5, 1));
    assertFalse(auth(m).has(Authorization.reverification(Reverification.LAX)));
    m.put("fva", List.of(1));
    assertFalse(auth(m).has(Authorization.reverification(Reverification.LAX)));
    m.put("fva", "1,1");
    assertFalse(auth(m).has(Authorization.reverification(Reverification.LAX)));
  }

  @Test
  void hasWhenRoleAndReverificationAskedThenBothMustPass() {
    Map<String, Object> m = base();
    m.put("org_id", "org_1");
    m.put("org_role", "org:admin");
    m.put("fva", List.of(1, 1));
    assertTrue(
        auth(m)
            .has(
                Authorization.role("admin")
                    .and(Authorization.reverification(Reverification.STRICT))));
    m.put("fva", List.of(1, 30));
    assertFalse(
        auth(m)
            .has(
                Authorization.role("admin")
                    .and(Authorization.reverification(Reverification.STRICT))));
  }

  @Test
  void hasWhenSubjectEmptyThenFalse() {
    Map<String, Object> m = base();
    m.put("sub", "");
    m.put("fva", List.of(0, 0));
    assertFalse(auth(m).has(Authorization.reverification(Reverification.STRICT)));
  }

  /**
   * What Clerk's {@code replace(/^(org:)*\/, 'org:')} does, without a regular expression per check.
   */
  @ParameterizedTest
  @CsvSource({
    "admin,org:admin",
    "org:admin,org:admin",
    "org:org:admin,org:admin",
    "org:,org:",
    "'',org:",
    "orgadmin,org:orgadmin",
    "ORG:admin,org:ORG:admin",
    "x:org:admin,org:x:org:admin",
    "org:org:,org:"
  })
  void prefixWithOrgWhenAnyPrefixThenExactlyOneOrgPrefixAsTheRegexDoes(
      String value, String expected) {
    assertEquals(expected, SessionAuth.prefixWithOrg(value));
    assertEquals(
        java.util.regex.Pattern.compile("^(org:)*").matcher(value).replaceFirst("org:"),
        SessionAuth.prefixWithOrg(value));
  }
}
