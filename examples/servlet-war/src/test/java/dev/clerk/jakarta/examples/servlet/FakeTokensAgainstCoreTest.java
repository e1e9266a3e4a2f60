package dev.clerk.jakarta.examples.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.ClerkOptions;
import dev.clerk.jakarta.core.auth.Authorization;
import dev.clerk.jakarta.core.auth.MachineAuth;
import dev.clerk.jakarta.core.auth.SessionAuth;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeCredential;
import dev.clerk.jakarta.testing.Fault;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code FakeTokens} mints, and the README's "Test your app" without JUnit, read by the core
 * itself (the testing module cannot depend on the core: this module has both): the v2 encoding of
 * organization, role and permissions decodes back to them, expired and not-yet-valid tokens fail
 * with Clerk's reasons, machine tokens verify, cookies sign a browser in.
 */
class FakeTokensAgainstCoreTest {
  static final FakeClerk FAKE = FakeClerk.start();
  static final Clerk CLERK = Clerk.create(ClerkOptions.fromMap(FAKE.settings().initParams()));

  @AfterAll
  static void close() {
    CLERK.close();
    FAKE.close();
  }

  static RequestState api(Clerk clerk, FakeCredential c) {
    return clerk.authenticateRequest(
        ClerkRequest.builder()
            .method("GET")
            .url(URI.create("http://localhost:3000/api"))
            .header("Authorization", c.authorizationHeader())
            .build());
  }

  @Test
  void sessionWhenV2OrganizationThenTheCoreDecodesRoleAndPermissions() {
    FakeCredential alice =
        FAKE.tokens()
            .session(
                "user_alice",
                "org_1",
                "org:admin",
                "org:invoices:read",
                "org:reports:manage",
                "org:invoices:write");
    SessionAuth s = assertInstanceOf(SessionAuth.class, api(CLERK, alice).auth());
    assertEquals("user_alice", s.userId());
    assertEquals(alice.sessionId(), s.sessionId());
    assertEquals("org_1", s.orgId());
    assertEquals("org:admin", s.orgRole());
    assertEquals(
        List.of("org:invoices:read", "org:invoices:write", "org:reports:manage"),
        s.orgPermissions());
    assertEquals("active", s.sessionStatus());
    assertEquals(List.of(0, -1), s.factorVerificationAge());
    assertTrue(s.has(Authorization.permission("org:reports:manage")));
  }

  @Test
  void sessionV1WhenOrganizationThenTheCoreReadsTheSame() {
    SessionAuth s =
        assertInstanceOf(
            SessionAuth.class,
            api(
                    CLERK,
                    FAKE.tokens().sessionV1("user_bob", "org_2", "org:member", "org:invoices:read"))
                .auth());
    assertEquals("org:member", s.orgRole());
    assertEquals(List.of("org:invoices:read"), s.orgPermissions());
  }

  @Test
  void expiredAndNotYetValidWhenPresentedThenSignedOutWithClerksReasons() {
    RequestState expired = api(CLERK, FAKE.tokens().expiredSession("user_1"));
    assertEquals(AuthStatus.SIGNED_OUT, expired.status());
    assertEquals(
        "session-token-expired-refresh-non-eligible-no-refresh-cookie", expired.reason().value());
    RequestState early = api(CLERK, FAKE.tokens().notYetValidSession("user_1"));
    assertEquals(AuthStatus.SIGNED_OUT, early.status());
    assertEquals("session-token-nbf", early.reason().value());
  }

  @Test
  void machineTokensWhenAcceptedThenVerifiedByFakeClerksBackendApi() {
    Map<String, String> settings = new LinkedHashMap<>(FAKE.settings().initParams());
    settings.put("accepts-token", "any");
    try (Clerk machines = Clerk.create(ClerkOptions.fromMap(settings))) {
      MachineAuth key =
          assertInstanceOf(
              MachineAuth.class, api(machines, FAKE.tokens().apiKey("user_1", "read")).auth());
      assertEquals("user_1", key.userId());
      MachineAuth m2m =
          assertInstanceOf(
              MachineAuth.class, api(machines, FAKE.tokens().m2mToken("mch_1", "mch_2")).auth());
      assertEquals("mch_1", m2m.machineId());
      MachineAuth oauth =
          assertInstanceOf(
              MachineAuth.class,
              api(machines, FAKE.tokens().oauthToken("user_2", "client_1", "profile")).auth());
      assertEquals("user_2", oauth.userId());
    }
  }

  @Test
  void cookieHeaderWhenPageRequestThenSignedIn() {
    FakeCredential browser = FAKE.tokens().session("user_cookie");
    RequestState state =
        CLERK.authenticateRequest(
            ClerkRequest.builder()
                .method("GET")
                .url(URI.create("http://localhost:3000/page"))
                .header("Sec-Fetch-Dest", "document")
                .header("Cookie", browser.cookieHeader())
                .build());
    assertEquals(AuthStatus.SIGNED_IN, state.status());
  }

  @Test
  void readmeWithoutJUnitWhenJwksDownThenTheCodeSeesIt() {
    try (FakeClerk fake = FakeClerk.start()) {
      Clerk clerk = Clerk.create(ClerkOptions.fromMap(fake.settings().initParams()));
      FakeCredential alice = fake.tokens().session("user_alice", "org_1", "org:admin");
      fake.failAlways("/v1/jwks", Fault.status(503));
      RequestState down = api(clerk, alice);
      assertEquals(AuthStatus.SIGNED_OUT, down.status());
      assertEquals("jwk-remote-failed-to-load", down.reason().value());
      clerk.close();
    }
  }
}
