package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.AcceptedTokens;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.testing.FakeClerk;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the per-method authentication relies on in core ({@code Clerk.authenticateRequest(request,
 * accepts)}): token types without {@code session_token} never read a browser cookie, whatever it
 * holds, while the same credentials in the {@code Authorization} header are judged by type.
 */
class MachineOnlyCookieTest {
  private static final String API_KEY = "ak_cookie_secret";
  private static final List<AcceptedTokens> MACHINE_ONLY =
      List.of(
          AcceptedTokens.parse("api_key"),
          AcceptedTokens.parse("m2m_token"),
          AcceptedTokens.parse("oauth_token"),
          AcceptedTokens.parse("[api_key,m2m_token]"),
          AcceptedTokens.parse("[api_key]"));

  private static FakeClerk fake;
  private static Clerk clerk;
  private static String session;
  private static long clientUat;

  @BeforeAll
  static void start() {
    fake = FakeClerk.builder().production().start();
    fake.registerApiKey(API_KEY, "user_machine");
    clerk =
        Clerk.builder()
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(fake.apiUrl())
            .build();
    clientUat = fake.clock().instant().getEpochSecond() - 5;
    session = fake.sessionToken().subject("user_1").expiresIn(Duration.ofMinutes(30)).sign();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  private static RequestState authenticate(AcceptedTokens accepts, String name, String value) {
    ClerkRequest request =
        ClerkRequest.builder()
            .method("GET")
            .url("http://localhost:8080/api/jobs")
            .header(name, value)
            .build();
    return clerk.authenticateRequest(request, accepts);
  }

  @Test
  void authenticateRequestWhenMachineOnlyAndSessionCookieThenSignedOut() {
    for (AcceptedTokens accepts : MACHINE_ONLY) {
      RequestState state =
          authenticate(accepts, "Cookie", "__client_uat=" + clientUat + "; __session=" + session);
      assertFalse(state.isSignedIn(), accepts::toString);
      assertFalse(state.auth().isAuthenticated(), accepts::toString);
      AuthReason expected =
          accepts.kind() == AcceptedTokens.Kind.LIST
              ? AuthReason.TOKEN_TYPE_MISMATCH
              : AuthReason.NO_TOKEN_IN_HEADER;
      assertEquals(expected, state.reason(), accepts::toString);
    }
  }

  @Test
  void authenticateRequestWhenMachineOnlyAndApiKeyInCookieThenSignedOut() {
    for (AcceptedTokens accepts : MACHINE_ONLY) {
      RequestState state =
          authenticate(accepts, "Cookie", "__client_uat=" + clientUat + "; __session=" + API_KEY);
      assertFalse(state.auth().isAuthenticated(), accepts::toString);
    }
  }

  @Test
  void authenticateRequestWhenApiKeyInHeaderThenOnlyTypesAcceptingItSignIn() {
    assertTrue(
        authenticate(AcceptedTokens.parse("api_key"), "Authorization", "Bearer " + API_KEY)
            .isSignedIn());
    assertTrue(
        authenticate(
                AcceptedTokens.parse("[api_key,m2m_token]"), "Authorization", "Bearer " + API_KEY)
            .isSignedIn());
    assertFalse(
        authenticate(AcceptedTokens.parse("m2m_token"), "Authorization", "Bearer " + API_KEY)
            .isSignedIn());
    // And a session token in the header is refused by every machine-only setting.
    for (AcceptedTokens accepts : MACHINE_ONLY) {
      assertFalse(
          authenticate(accepts, "Authorization", "Bearer " + session).isSignedIn(),
          accepts::toString);
    }
  }
}
