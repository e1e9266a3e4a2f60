package dev.clerk.jakarta.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.MachineAuth;
import dev.clerk.jakarta.core.auth.SessionAuth;
import dev.clerk.jakarta.core.auth.SignedOutAuth;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.testing.FakeClerk;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ClerkGroups}: sessions verified by a real {@link Clerk} from {@link FakeClerk}'s tokens.
 */
class ClerkGroupsTest {
  private static FakeClerk fake;
  private static Clerk clerk;

  @BeforeAll
  static void start() {
    fake = FakeClerk.start();
    clerk =
        Clerk.builder()
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(fake.apiUrl())
            .build();
  }

  @AfterAll
  static void stop() {
    clerk.close();
    fake.close();
  }

  private static SessionAuth session(String token) throws Exception {
    return SessionAuth.from(clerk.verifyToken(token), token);
  }

  @Test
  void ofWhenOrganizationRoleAndPermissionsThenRoleFirstThenPermissions() throws Exception {
    SessionAuth s =
        session(
            fake.sessionToken()
                .subject("user_1")
                .organizationV1(
                    "org_1", "acme", "org:admin", "org:invoices:read", "org:invoices:write")
                .sign());
    assertEquals(
        List.of("org:admin", "org:invoices:read", "org:invoices:write"),
        List.copyOf(ClerkGroups.of(s)));
  }

  @Test
  void ofWhenNoActiveOrganizationThenNone() throws Exception {
    assertEquals(
        List.of(),
        List.copyOf(ClerkGroups.of(session(fake.sessionToken().subject("user_1").sign()))));
  }

  @Test
  void ofWhenSignedOutThenNone() {
    assertEquals(List.of(), List.copyOf(ClerkGroups.of(SignedOutAuth.session())));
  }

  @Test
  void ofWhenMachineThenNone() {
    MachineAuth m =
        new MachineAuth(
            TokenType.API_KEY,
            "ak_id",
            "user_owner",
            List.of("org:admin"),
            null,
            null,
            null,
            "ak_secret");
    assertEquals(List.of(), List.copyOf(ClerkGroups.of(m)));
  }

  @Test
  void ofWhenNullThenNullPointerNamingTheArgument() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> ClerkGroups.of(null));
    assertEquals("auth == null", e.getMessage());
  }
}
