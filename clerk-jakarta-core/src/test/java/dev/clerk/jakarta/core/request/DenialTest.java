package dev.clerk.jakarta.core.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.clerk.jakarta.core.auth.Authorization;
import dev.clerk.jakarta.core.auth.SessionAuth;
import dev.clerk.jakarta.core.auth.SignedOutAuth;
import dev.clerk.jakarta.core.token.SessionClaims;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DenialTest {
  /**
   * An organization member with one permission, the feature {@code export} and the plan {@code
   * free}.
   */
  private static SessionAuth member() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sub", "user_1");
    m.put("sid", "sess_1");
    m.put("iss", "https://clerk.example.com");
    m.put("exp", 1768471260L);
    m.put("org_id", "org_1");
    m.put("org_slug", "acme");
    m.put("org_role", "org:member");
    m.put("org_permissions", List.of("org:invoices:read"));
    m.put("fea", "u:export");
    m.put("pla", "u:free");
    return SessionAuth.from(SessionClaims.of(m), "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
  }

  @Test
  void ofWhenOneDimensionFailsThenItsDenial() {
    SessionAuth auth = member();
    Authorization role = Authorization.role("org:admin");
    Authorization permission = Authorization.permission("org:invoices:write");
    Authorization feature = Authorization.feature("u:import");
    Authorization plan = Authorization.plan("u:pro");
    for (Authorization failing : List.of(role, permission, feature, plan)) {
      assertFalse(auth.has(failing), failing.toString());
    }
    assertEquals(Denial.INSUFFICIENT_ROLE, Denial.of(auth, role));
    assertEquals(Denial.INSUFFICIENT_PERMISSION, Denial.of(auth, permission));
    assertEquals(Denial.MISSING_FEATURE, Denial.of(auth, feature));
    assertEquals(Denial.MISSING_PLAN, Denial.of(auth, plan));
    assertEquals(
        Denial.MISSING_PLAN,
        Denial.of(
            auth,
            Authorization.permission("org:invoices:read")
                .and(Authorization.feature("u:export"))
                .and(plan)));
    assertEquals(Denial.INSUFFICIENT_PERMISSION, Denial.of(auth, permission.and(plan)));
  }

  @Test
  void ofWhenNotSignedInThenTheFirstDimensionAsked() {
    assertEquals(
        Denial.MISSING_FEATURE,
        Denial.of(SignedOutAuth.session(), Authorization.feature("u:export")));
    assertEquals(
        Denial.INSUFFICIENT_ROLE,
        Denial.of(
            SignedOutAuth.session(),
            Authorization.reverification(dev.clerk.jakarta.core.auth.Reverification.STRICT)));
  }

  @Test
  void valueWhenEachDenialThenDistinctReasons() {
    assertEquals(
        List.of(
            "insufficient-role",
            "insufficient-permission",
            "missing-feature",
            "missing-plan",
            "access-denied"),
        java.util.Arrays.stream(Denial.values()).map(Denial::value).toList());
  }
}
