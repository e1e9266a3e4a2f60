package dev.clerk.jakarta.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.backend.ClerkApiException;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.token.MutableClock;
import dev.clerk.jakarta.core.token.TokenVerificationReason;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.Fault;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each event kind, fired from a real flow of {@link Clerk#authenticateRequest} or the Backend API
 * client against FakeClerk on loopback, received by a listener registered on {@code
 * Clerk.builder()}, in the order the javadoc of {@link ClerkEvents} promises.
 */
class ClerkEventsTest {
  private static final String APP = "https://app.example.com/";

  private final MutableClock clock = new MutableClock();
  private final FakeClerk fake = FakeClerk.builder().production().clock(clock).start();
  private final RecordingEvents events = new RecordingEvents();
  private final Clerk clerk = clerk(events);

  private Clerk clerk(ClerkEvents... listeners) {
    Clerk.Builder b =
        Clerk.builder()
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(fake.apiUrl())
            .configure(o -> o.clock(clock).requestTimeout(Duration.ofSeconds(2)));
    for (ClerkEvents l : listeners) {
      b.events(l);
    }
    return b.build();
  }

  @AfterEach
  void close() {
    clerk.close();
    fake.close();
  }

  private static ClerkRequest bearer(String token) {
    return ClerkRequest.builder()
        .url(APP + "api")
        .header("Authorization", "Bearer " + token)
        .build();
  }

  private static ClerkRequest.Builder page(String url) {
    return ClerkRequest.builder()
        .url(url)
        .header("sec-fetch-dest", "document")
        .header("accept", "text/html");
  }

  private String cookies(String session) {
    return "__client_uat=1; __session=" + session;
  }

  private static JwksFetch jwksOk(int keys) {
    return new JwksFetch(keys, null, null, 0);
  }

  private static RequestOutcome signedIn() {
    return new RequestOutcome(AuthStatus.SIGNED_IN, null, TokenType.SESSION_TOKEN, 0);
  }

  @Test
  void authenticateRequestWhenBearerSessionTokenThenJwksFetchBeforeSignedInOutcome() {
    RequestState state =
        clerk.authenticateRequest(bearer(fake.sessionToken().subject("user_1").sign()));

    assertTrue(state.isSignedIn());
    assertEquals(List.of(jwksOk(1), signedIn()), events.untimed());
    RequestOutcome outcome = (RequestOutcome) events.events.get(1);
    assertTrue(outcome.nanos() > 0, outcome.toString());
  }

  @Test
  void authenticateRequestWhenSessionCookieThenOneSignedInOutcomeAndTheKeysCached() {
    clerk.authenticateRequest(
        page(APP).header("cookie", cookies(fake.sessionToken().sign())).build());
    clerk.authenticateRequest(
        page(APP).header("cookie", cookies(fake.sessionToken().sign())).build());

    assertEquals(List.of(jwksOk(1), signedIn(), signedIn()), events.untimed());
  }

  @Test
  void
      authenticateRequestWhenExpiredCookieWithoutRefreshTokenThenHandshakeRedirectBeforeItsOutcome() {
    String expired = fake.sessionToken().shiftTimes(Duration.ofMinutes(-10)).sign();

    RequestState state =
        clerk.authenticateRequest(page(APP).header("cookie", cookies(expired)).build());

    assertEquals(AuthStatus.HANDSHAKE, state.status());
    String reason = "session-token-expired-refresh-non-eligible-no-refresh-cookie";
    assertEquals(
        List.of(
            jwksOk(1),
            new Handshake(Handshake.Phase.REDIRECTED, reason, 0),
            new RequestOutcome(
                AuthStatus.HANDSHAKE, AuthReason.of(reason), TokenType.SESSION_TOKEN, 0)),
        events.untimed());
  }

  @Test
  void authenticateRequestWhenHandshakeNonceResolvesThenBackendCallAndResolvedBeforeSignedIn() {
    String session = fake.sessionToken().subject("user_1").sign();
    fake.putHandshakePayload(
        "nonce_events_resolved_1", "__session=" + session + "; Path=/", "__client_uat=1; Path=/");

    RequestState state =
        clerk.authenticateRequest(
            page(APP + "?__clerk_handshake_nonce=nonce_events_resolved_1").build());

    assertEquals(AuthStatus.SIGNED_IN, state.status(), state + " " + events.events);
    assertEquals(
        List.of(
            new BackendCall("GET", "/v1/clients/handshake_payload", 200, null, 0),
            jwksOk(1),
            new Handshake(Handshake.Phase.RESOLVED, "", 0),
            signedIn()),
        events.untimed());
  }

  @Test
  void authenticateRequestWhenHandshakeTokenExpiredThenHandshakeFailedWithItsReason() {
    String session = fake.sessionToken().shiftTimes(Duration.ofMinutes(-10)).sign();
    String handshake =
        fake.handshakeToken("__session=" + session + "; Path=/", "__client_uat=1; Path=/");

    clerk.authenticateRequest(page(APP + "?__clerk_handshake=" + handshake).build());

    Handshake failed = (Handshake) events.untimed().get(1);
    assertEquals(new Handshake(Handshake.Phase.FAILED, "token-expired", 0), failed);
    assertEquals(RequestOutcome.class, events.events.get(events.events.size() - 1).getClass());
  }

  @Test
  void
      authenticateRequestWhenExpiredCookieAndRefreshTokenThenRefreshCallAndRefreshedBeforeSignedIn() {
    fake.backendApi().registerRefreshToken("refresh_1", "sess_1", "user_1");
    String expired =
        fake.sessionToken()
            .subject("user_1")
            .sessionId("sess_1")
            .shiftTimes(Duration.ofMinutes(-10))
            .sign();
    String cookie =
        cookies(expired) + "; __refresh_" + fake.backendApi().cookieSuffix() + "=refresh_1";

    RequestState state = clerk.authenticateRequest(page(APP).header("cookie", cookie).build());

    assertTrue(state.isSignedIn(), state + " " + events.events);
    assertEquals(
        List.of(
            jwksOk(1),
            new BackendCall("POST", "/v1/sessions/{sessionId}/refresh", 200, null, 0),
            new SessionRefresh(null, 0),
            signedIn()),
        events.untimed());
  }

  @Test
  void authenticateRequestWhenRefreshTokenUnknownThenRefreshFailedWithClerksError() {
    String expired =
        fake.sessionToken()
            .subject("user_1")
            .sessionId("sess_1")
            .shiftTimes(Duration.ofMinutes(-10))
            .sign();
    String cookie =
        cookies(expired) + "; __refresh_" + fake.backendApi().cookieSuffix() + "=refresh_unknown";

    clerk.authenticateRequest(page(APP).header("cookie", cookie).build());

    SessionRefresh refresh =
        events.events.stream()
            .filter(SessionRefresh.class::isInstance)
            .map(SessionRefresh.class::cast)
            .findFirst()
            .orElseThrow();
    assertEquals(false, refresh.refreshed());
    BackendCall call =
        events.events.stream()
            .filter(BackendCall.class::isInstance)
            .map(BackendCall.class::cast)
            .findFirst()
            .orElseThrow();
    assertEquals("/v1/sessions/{sessionId}/refresh", call.pathTemplate());
    assertEquals(refreshFailureStatus(call), call.status());
  }

  /** FakeClerk answers an unknown refresh token with a 4xx; the event carries it as received. */
  private static int refreshFailureStatus(BackendCall call) {
    assertTrue(call.status() >= 400 && call.status() < 500, call.toString());
    return call.status();
  }

  @Test
  void authenticateRequestWhenJwksAnswers404ThenFailedFetchWithReasonBeforeSignedOut() {
    fake.failAlways("/v1/jwks", Fault.status(404));

    RequestState state = clerk.authenticateRequest(bearer(fake.sessionToken().sign()));

    assertEquals(AuthStatus.SIGNED_OUT, state.status());
    JwksFetch fetch = (JwksFetch) events.events.get(0);
    assertEquals(false, fetch.succeeded());
    assertEquals(TokenVerificationReason.JWK_REMOTE_FAILED_TO_LOAD, fetch.failure());
    assertEquals("dev.clerk.jakarta.core.token.TokenVerificationException", fetch.causeClass());
    assertEquals(0, fetch.keyCount());
    assertEquals(
        new RequestOutcome(
            AuthStatus.SIGNED_OUT,
            AuthReason.of("jwk-remote-failed-to-load"),
            TokenType.SESSION_TOKEN,
            0),
        RecordingEvents.untimed(events.events.get(1)));
  }

  @Test
  void authenticateRequestWhenJwksConnectionDroppedThenFailedFetchNamesTheIoCause() {
    fake.failAlways("/v1/jwks", Fault.disconnect());

    clerk.authenticateRequest(bearer(fake.sessionToken().sign()));

    JwksFetch fetch = (JwksFetch) events.events.get(0);
    assertEquals(TokenVerificationReason.JWK_REMOTE_FAILED_TO_LOAD, fetch.failure());
    assertEquals("java.io.IOException", fetch.causeClass());
  }

  @Test
  void authenticateRequestWhenJwksRetriedAfterDroppedConnectionThenOneSucceededFetch() {
    fake.enqueueFault("/v1/jwks", Fault.disconnect());

    RequestState state = clerk.authenticateRequest(bearer(fake.sessionToken().sign()));

    assertTrue(state.isSignedIn());
    assertEquals(2, fake.jwksRequestCount()); // the transport's one retry, inside the one fetch
    assertEquals(List.of(jwksOk(1), signedIn()), events.untimed());
  }

  @Test
  void backendApiWhenRetriedAfter503ThenOneCallWithTheLastAttemptsStatus() {
    fake.enqueueFault("/v1/users/user_missing", Fault.status(503));

    assertThrows(ClerkApiException.class, () -> clerk.backendApi().users().get("user_missing"));

    assertEquals(2, fake.requestCount("/v1/users/user_missing"));
    assertEquals(
        List.of(new BackendCall("GET", "/v1/users/{userId}", 404, null, 0)), events.untimed());
  }

  @Test
  void backendApiWhenUserMissingThenCallWithPathTemplateAndStatusNeverTheId() {
    assertThrows(
        ClerkApiException.class, () -> clerk.backendApi().users().get("user_secret_id_123"));

    assertEquals(
        List.of(new BackendCall("GET", "/v1/users/{userId}", 404, null, 0)), events.untimed());
  }

  @Test
  void backendApiWhenAsyncCallThenItsEventBeforeTheCallersNextStage() throws Exception {
    String template =
        clerk
            .backendApi()
            .users()
            .getAsync("user_x_1")
            .handle((u, e) -> ((BackendCall) events.events.get(0)).pathTemplate())
            .get();

    assertEquals("/v1/users/{userId}", template);
  }

  @Test
  void backendApiWhenRawRequestThenWordSegmentsKeptAndIdsHidden() throws IOException {
    clerk
        .backendApi()
        .request("GET", "/users/user_2NNEqL2nrIRdJ194ndJqAHwEfxC/organization_memberships")
        .asString();

    assertEquals(
        List.of(new BackendCall("GET", "/v1/users/{id}/organization_memberships", 200, null, 0)),
        events.untimed());
  }

  @Test
  void backendApiWhenConnectionDroppedThenCallWithoutStatusNamesTheCause() {
    fake.failAlways("/v1/users/user_1", Fault.disconnect());

    assertThrows(
        IOException.class,
        () ->
            clerk
                .backendApi()
                .withRetryPolicy(dev.clerk.jakarta.core.backend.RetryPolicy.none())
                .users()
                .get("user_1"));

    BackendCall call = (BackendCall) events.events.get(0);
    assertEquals(0, call.status());
    assertEquals("java.io.IOException", call.causeClass());
    assertEquals("/v1/users/{userId}", call.pathTemplate());
  }

  @Test
  void eventsWhenSeveralListenersThenEachGetsEveryEventInRegistrationOrder() {
    List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    ClerkEvents first =
        new ClerkEvents() {
          @Override
          public void requestAuthenticated(RequestOutcome outcome) {
            order.add("first");
          }
        };
    ClerkEvents second =
        new ClerkEvents() {
          @Override
          public void requestAuthenticated(RequestOutcome outcome) {
            order.add("second");
          }
        };
    try (Clerk two = clerk(first, second)) {
      two.authenticateRequest(bearer(fake.sessionToken().sign()));
      two.authenticateRequest(bearer(fake.sessionToken().sign()));
    }

    assertEquals(List.of("first", "second", "first", "second"), order);
  }
}
