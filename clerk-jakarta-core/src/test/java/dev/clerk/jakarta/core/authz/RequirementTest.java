package dev.clerk.jakarta.core.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.Authorization;
import dev.clerk.jakarta.core.auth.Reverification;
import dev.clerk.jakarta.core.auth.SessionAuth;
import dev.clerk.jakarta.core.auth.SignedOutAuth;
import dev.clerk.jakarta.core.request.Denial;
import dev.clerk.jakarta.core.token.SessionClaims;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequirementTest {
  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.e30.c2ln";

  private static Auth session(String role, List<String> permissions, Object... more) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sub", "user_1");
    m.put("sid", "sess_1");
    m.put("iss", "https://clerk.example.com");
    m.put("exp", 1768471260L);
    m.put("org_id", "org_1");
    m.put("org_slug", "acme");
    m.put("org_role", role);
    m.put("org_permissions", permissions);
    for (int i = 0; i < more.length; i += 2) {
      m.put((String) more[i], more[i + 1]);
    }
    return SessionAuth.from(SessionClaims.of(m), TOKEN);
  }

  private static final Auth ADMIN =
      session(
          "org:admin",
          List.of("org:invoices:read"),
          "fea",
          "u:export",
          "pla",
          "u:pro",
          "fva",
          List.of(1, 1));
  private static final Auth MEMBER = session("org:member", List.of(), "fva", List.of(1, 30));

  @Test
  void decideWhenNothingRequiredThenAllowedEvenSignedOut() {
    assertEquals(AccessDecision.allowed(), Requirement.NONE.decide(null));
    assertTrue(Requirement.NONE.isEmpty());
    assertFalse(Requirement.NONE.needsIdentity());
  }

  @Test
  void decideWhenDenyAllThen403AccessDeniedForEveryone() {
    assertEquals(
        AccessDecision.forbidden(Denial.ACCESS_DENIED),
        Requirement.denyAllRequests().decide(ADMIN));
    assertEquals(
        AccessDecision.forbidden(Denial.ACCESS_DENIED), Requirement.denyAllRequests().decide(null));
  }

  @Test
  void decideWhenSignInRequiredThenSignedOutRefusedAndSignedInAllowed() {
    assertEquals(AccessDecision.signedOut(), Requirement.signedIn().decide(null));
    assertEquals(
        AccessDecision.signedOut(), Requirement.signedIn().decide(SignedOutAuth.session()));
    assertEquals(AccessDecision.allowed(), Requirement.signedIn().decide(MEMBER));
  }

  @Test
  void decideWhenRolesThenPrincipalsRolesAndPermissionsCount() {
    assertEquals(AccessDecision.allowed(), Requirement.anyRole(List.of("org:admin")).decide(ADMIN));
    assertEquals(
        AccessDecision.allowed(), Requirement.anyRole(List.of("org:invoices:read")).decide(ADMIN));
    assertEquals(
        AccessDecision.allowed(), Requirement.anyRole(List.of("org:owner", "admin")).decide(ADMIN));
    assertEquals(
        AccessDecision.forbidden(Denial.INSUFFICIENT_ROLE),
        Requirement.anyRole(List.of("org:admin")).decide(MEMBER));
    assertEquals(
        AccessDecision.signedOut(), Requirement.anyRole(List.of("org:admin")).decide(null));
  }

  @Test
  void decideWhenRolesAskAnotherViewThenThatViewDecides() {
    Requirement admin = Requirement.anyRole(List.of("org:admin"));
    assertEquals(AccessDecision.signedOut(), admin.decide(ADMIN, false, r -> true));
    assertEquals(
        AccessDecision.forbidden(Denial.INSUFFICIENT_ROLE), admin.decide(ADMIN, true, r -> false));
    assertEquals(AccessDecision.allowed(), admin.decide(null, true, "org:admin"::equals));
  }

  @Test
  void decideWhenScopesFailThenTheDenialOfTheFirstFailingKind() {
    assertEquals(
        AccessDecision.forbidden(Denial.INSUFFICIENT_ROLE),
        Requirement.scope(Authorization.role("org:admin")).decide(MEMBER));
    assertEquals(
        AccessDecision.forbidden(Denial.INSUFFICIENT_PERMISSION),
        Requirement.scope(Authorization.permission("org:invoices:read")).decide(MEMBER));
    assertEquals(
        AccessDecision.forbidden(Denial.MISSING_FEATURE),
        Requirement.scope(Authorization.feature("export")).decide(MEMBER));
    assertEquals(
        AccessDecision.forbidden(Denial.MISSING_PLAN),
        Requirement.scope(Authorization.plan("pro")).decide(MEMBER));
    assertEquals(
        AccessDecision.forbidden(Denial.INSUFFICIENT_PERMISSION),
        Requirement.scope(
                Authorization.role("org:admin").and(Authorization.permission("org:x:write")))
            .decide(ADMIN));
  }

  @Test
  void decideWhenScopesHeldThenAllowed() {
    Requirement all =
        Requirement.scope(Authorization.role("org:admin"))
            .and(Requirement.scope(Authorization.permission("org:invoices:read")))
            .and(Requirement.scope(Authorization.feature("export")))
            .and(Requirement.scope(Authorization.plan("pro")));
    assertEquals(AccessDecision.allowed(), all.decide(ADMIN));
    assertEquals(AccessDecision.signedOut(), all.decide(null));
  }

  @Test
  void decideWhenReverificationStaleThenReverificationRequiredWithTheCheck() {
    ReverificationCheck strict =
        ReverificationCheck.of("strict", Reverification.Level.SECOND_FACTOR, 0);
    assertEquals(AccessDecision.allowed(), Requirement.reverification(strict).decide(ADMIN));
    AccessDecision d = Requirement.reverification(strict).decide(MEMBER);
    assertEquals(AccessDecision.reverificationRequired(strict), d);
    assertEquals(403, d.status());
    assertEquals("reverification-error", d.reason());
  }

  @Test
  void decideWhenRoleFailsBeforeScopeThenRoleReportedFirst() {
    Requirement r =
        Requirement.scope(Authorization.plan("pro")).and(Requirement.anyRole(List.of("org:owner")));
    assertEquals(AccessDecision.forbidden(Denial.INSUFFICIENT_ROLE), r.decide(ADMIN));
  }

  @Test
  void andWhenCombinedThenEveryPartHoldsOnceAndNothingIsReplaced() {
    Requirement a =
        Requirement.anyRole(List.of("org:admin")).and(Requirement.scope(Authorization.plan("pro")));
    Requirement b = Requirement.anyRole(List.of("org:admin")).and(Requirement.signedIn());
    Requirement both = a.and(b).and(Requirement.NONE);
    assertEquals(List.of(List.of("org:admin")), both.roles());
    assertEquals(List.of(Authorization.plan("pro")), both.scopes());
    assertTrue(both.signIn());
    assertFalse(both.denyAll());
    assertTrue(both.and(Requirement.denyAllRequests()).denyAll());
    assertEquals(a, Requirement.NONE.and(a));
  }

  @Test
  void constructorWhenEmptyRoleRuleThenFails() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Requirement.anyRole(List.of()));
    assertEquals("a role rule names no role", e.getMessage());
  }
}
