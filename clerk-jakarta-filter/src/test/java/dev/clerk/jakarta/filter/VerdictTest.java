package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.testing.FakeClerk;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VerdictTest {
  private static FakeClerk fake;
  private static RequestState member;
  private static final RequestState SIGNED_OUT =
      RequestState.signedOut(AuthReason.SESSION_TOKEN_AND_UAT_MISSING, "");

  @BeforeAll
  static void signIn() {
    fake = FakeClerk.start();
    Clerk clerk =
        Clerk.builder()
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(fake.apiUrl())
            .build();
    String token =
        fake.sessionToken()
            .organizationV1("org_1", "acme", "org:member", "org:invoices:read")
            .sign();
    member =
        clerk.authenticateRequest(
            ClerkRequest.builder()
                .method("GET")
                .url(URI.create("https://app.example/x"))
                .header("Authorization", "Bearer " + token)
                .build());
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @Test
  void ofWhenPublicThenAllowWhoeverAsks() {
    assertEquals(Verdict.ALLOW, Verdict.of(PathPolicy.Access.PUBLIC, SIGNED_OUT));
    assertEquals(Verdict.ALLOW, Verdict.of(PathPolicy.Access.PUBLIC, member));
  }

  @Test
  void ofWhenProtectedAndSignedOutThenSignIn() {
    assertEquals(Verdict.SIGN_IN, Verdict.of(new PathPolicy.Access(true, List.of()), SIGNED_OUT));
  }

  @Test
  void ofWhenEveryRequirementHasOneHeldRoleThenAllow() {
    assertEquals(Verdict.ALLOW, Verdict.of(new PathPolicy.Access(true, List.of()), member));
    assertEquals(
        Verdict.ALLOW,
        Verdict.of(
            new PathPolicy.Access(
                true, List.of(Set.of("org:admin", "org:member"), Set.of("org:invoices:read"))),
            member));
  }

  @Test
  void ofWhenOneRequirementUnmetThenForbidden() {
    assertEquals(
        Verdict.FORBIDDEN,
        Verdict.of(
            new PathPolicy.Access(true, List.of(Set.of("org:member"), Set.of("org:admin"))),
            member));
  }

  @Test
  void refusedWhenSignedInThenForbiddenElseSignIn() {
    assertEquals(Verdict.FORBIDDEN, Verdict.refused(member));
    assertEquals(Verdict.SIGN_IN, Verdict.refused(SIGNED_OUT));
  }
}
