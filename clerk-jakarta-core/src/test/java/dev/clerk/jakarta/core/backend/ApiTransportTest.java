package dev.clerk.jakarta.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeResponse;
import dev.clerk.jakarta.testing.Fault;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Timeouts, retries, error bodies and malformed answers, through the public resources. */
class ApiTransportTest {
  private final FakeClerk fake = FakeClerk.start();
  private final FakeTime time = new FakeTime();
  private final BackendApi api = TestApis.api(fake, time);

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  @Timeout(20) // without the bound the call would wait for ever
  void sendWhenBodyTricklesThenTimeoutInsteadOfWaitingForEver() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HttpServer slow =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    slow.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, 100);
          OutputStream body = exchange.getResponseBody();
          body.write('{');
          body.flush();
          try {
            release.await(); // headers and one byte, then nothing until the test ends
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    slow.start();
    try {
      BackendApi api =
          BackendApi.builder()
              .secretKey("sk_test_slow")
              .apiUrl("http://127.0.0.1:" + slow.getAddress().getPort())
              .timeout(Duration.ofMillis(300))
              .build();

      HttpTimeoutException sync = assertThrows(HttpTimeoutException.class, api::jwks);
      CompletionException async =
          assertThrows(CompletionException.class, () -> api.jwksAsync().join());

      assertEquals("Clerk Backend API GET /v1/jwks: no answer within PT0.3S", sync.getMessage());
      assertEquals(HttpTimeoutException.class, async.getCause().getClass());
    } finally {
      release.countDown();
      slow.stop(0);
    }
  }

  private static Fault answer(int status, String retryAfter) {
    return Fault.respond(
        FakeResponse.clerkError(status, "rate_limited", "Too many requests")
            .withHeader("Retry-After", retryAfter));
  }

  @Test
  void sendWhen503WithRetryAfterSecondsThenWaitsThatLongAndRetries() throws Exception {
    fake.enqueueFault("/v1/jwks", answer(503, "3"));

    assertEquals(fake.jwksJson(), api.jwks());

    assertEquals(List.of(Duration.ofSeconds(3)), time.sleeps());
    assertEquals(2, fake.jwksRequestCount());
  }

  @Test
  void sendWhen429WithRetryAfterDateThenWaitsUntilThatDate() throws Exception {
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            time.instant().plusSeconds(2).atZone(ZoneOffset.UTC));
    fake.enqueueFault("/v1/jwks", answer(429, date));

    api.jwks();

    assertEquals(List.of(Duration.ofSeconds(2)), time.sleeps());
  }

  @Test
  void sendWhenRetryAfterBeyondBudgetThenNoRetryAnd429() {
    fake.enqueueFault("/v1/jwks", answer(429, "60"));

    ClerkApiException e = assertThrows(ClerkApiException.class, api::jwks);

    assertEquals(429, e.statusCode());
    assertEquals("rate_limited", e.code());
    assertEquals(java.util.Optional.of(Duration.ofSeconds(60)), e.retryAfter());
    assertEquals(List.of(), time.sleeps());
    assertEquals(1, fake.jwksRequestCount());
  }

  @Test
  void sendWhenAlways503ThenMaxAttemptsWithDoublingJitteredBackoff() {
    fake.failAlways("/v1/jwks", Fault.status(503));
    BackendApi patient =
        api.withRetryPolicy(
            RetryPolicy.builder()
                .maxAttempts(4)
                .initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofMillis(1000))
                .build());

    ClerkApiException e = assertThrows(ClerkApiException.class, patient::jwks);

    assertEquals(503, e.statusCode());
    assertEquals(4, fake.jwksRequestCount());
    // Equal jitter with random 0.5: three quarters of 100, 200, 400 ms.
    assertEquals(
        List.of(Duration.ofMillis(75), Duration.ofMillis(150), Duration.ofMillis(300)),
        time.sleeps());
  }

  @Test
  void sendWhenTotalBudgetWouldBeExceededThenStopsEarly() {
    fake.failAlways("/v1/jwks", Fault.status(502));
    BackendApi bounded =
        api.withRetryPolicy(
            RetryPolicy.builder()
                .maxAttempts(10)
                .initialBackoff(Duration.ofMillis(200))
                .maxBackoff(Duration.ofSeconds(2))
                .maxTotalTime(Duration.ofMillis(250))
                .build());

    assertThrows(ClerkApiException.class, bounded::jwks);

    assertEquals(List.of(Duration.ofMillis(150)), time.sleeps());
    assertEquals(2, fake.jwksRequestCount());
  }

  @Test
  void sendWhen500ThenNotRetried() {
    fake.enqueueFault("/v1/jwks", Fault.status(500));

    ClerkApiException e = assertThrows(ClerkApiException.class, api::jwks);
    assertEquals(500, e.statusCode());
    assertEquals(java.util.Optional.empty(), e.retryAfter());
    assertEquals(1, fake.jwksRequestCount());
  }

  @Test
  void sendWhenRetryPolicyNoneThenOffSwitch() {
    fake.enqueueFault("/v1/jwks", Fault.status(503));

    assertThrows(ClerkApiException.class, () -> api.withRetryPolicy(RetryPolicy.none()).jwks());
    assertEquals(1, fake.jwksRequestCount());
  }

  @Test
  void sendWhenBuilderRetryPolicyNoneThenNoRetries() {
    fake.enqueueFault("/v1/jwks", Fault.status(503));
    BackendApi noRetries = TestApis.builder(fake, time).retryPolicy(RetryPolicy.none()).build();

    assertThrows(ClerkApiException.class, noRetries::jwks);
    assertEquals(1, fake.jwksRequestCount());
  }

  @Test
  void sendWhenConnectionDroppedOnGetThenRetriedAndSucceeds() throws Exception {
    fake.enqueueFault("/v1/jwks", Fault.disconnect());

    assertEquals(fake.jwksJson(), api.jwks());
    assertTrue(fake.jwksRequestCount() >= 2);
  }

  @Test
  void sendWhenConnectionDroppedOnPostThenIOExceptionNamingTheCall() {
    fake.enqueueFault("/v1/users", Fault.disconnect());

    IOException e =
        assertThrows(
            IOException.class,
            () -> api.users().create(UserCreate.empty().withEmailAddresses("a@example.com")));

    assertTrue(
        e.getMessage().startsWith("Clerk Backend API POST /v1/users failed: "), e.getMessage());
    assertEquals(1, fake.requestCount("/v1/users"));
    assertEquals(List.of(), time.sleeps());
  }

  @Test
  void sendWhenSlowerThanTimeoutThenHttpTimeoutExceptionWithoutRetry() {
    fake.enqueueFault("/v1/jwks", Fault.delay(Duration.ofSeconds(5)));

    HttpTimeoutException e =
        assertThrows(
            HttpTimeoutException.class, () -> api.withTimeout(Duration.ofMillis(200)).jwks());

    assertEquals("Clerk Backend API GET /v1/jwks: no answer within PT0.2S", e.getMessage());
    assertEquals(1, fake.jwksRequestCount());
    assertEquals(List.of(), time.sleeps());
  }

  @Test
  void sendWhenGarbageBodyThenMalformedResponseException() {
    fake.enqueueFault("/v1/users/user_1", Fault.garbage());

    MalformedResponseException e =
        assertThrows(MalformedResponseException.class, () -> api.users().get("user_1"));

    assertEquals(200, e.statusCode());
    assertTrue(
        e.getMessage()
            .startsWith(
                "Clerk Backend API GET /v1/users/user_1 answered HTTP 200 with a body that is not JSON"),
        e.getMessage());
    assertEquals(1, fake.requestCount("/v1/users/user_1"));
  }

  @Test
  void sendWhenWrongShapeThenMalformedResponseNamingTheField() {
    fake.backendApi().putApiKey("ak_1", Map.of("id", 5, "subject", "user_1"));

    MalformedResponseException e =
        assertThrows(MalformedResponseException.class, () -> api.apiKeys().verify("ak_1"));

    assertEquals(
        "Clerk Backend API POST /api_keys/verify answered HTTP 200 with a body that does not have the"
            + " documented shape: field \"id\" is number, expected string",
        e.getMessage());
  }

  @Test
  void sendWhenJsonArrayInsteadOfObjectThenMalformedResponse() {
    fake.route("GET", "/v1/users/user_1", r -> FakeResponse.json(200, "[]"));

    MalformedResponseException e =
        assertThrows(MalformedResponseException.class, () -> api.users().get("user_1"));

    assertEquals(
        "Clerk Backend API GET /v1/users/user_1 answered HTTP 200 with a body that is JSON array, not an object",
        e.getMessage());
  }

  @Test
  void sendWhenErrorBodyIsNotJsonThenApiExceptionWithoutErrors() {
    fake.enqueueFault(
        "/v1/jwks", Fault.respond(FakeResponse.text(502, "<html>Bad gateway</html>")));

    ClerkApiException e =
        assertThrows(ClerkApiException.class, () -> api.withRetryPolicy(RetryPolicy.none()).jwks());

    assertEquals(502, e.statusCode());
    assertEquals(List.of(), e.errors());
    assertEquals(null, e.code());
    assertEquals(
        "Clerk Backend API GET /v1/jwks answered HTTP 502 with a body that is not Clerk's error JSON",
        e.getMessage());
  }

  @Test
  void sendWhenErrorHasMetaAndTraceHeaderThenAllParsed() {
    String body =
        "{\"errors\":[{\"code\":\"form_param_format_invalid\",\"message\":\"is invalid\","
            + "\"long_message\":\"email_address must be a valid email address.\",\"meta\":{\"param_name\":\"email_address\"}},"
            + "{\"code\":\"second\",\"message\":\"m2\"}]}";
    fake.enqueueFault(
        "/v1/users",
        Fault.respond(FakeResponse.json(422, body).withHeader("X-Clerk-Trace-Id", "trace-123")));

    ClerkApiException e =
        assertThrows(
            ClerkApiException.class,
            () -> api.users().create(UserCreate.empty().withEmailAddresses("nope")));

    assertEquals(
        List.of(
            new ClerkError(
                "form_param_format_invalid",
                "is invalid",
                "email_address must be a valid email address.",
                Map.of("param_name", "email_address")),
            new ClerkError("second", "m2", null, Map.of())),
        e.errors());
    assertEquals("trace-123", e.clerkTraceId());
    assertEquals(
        "Clerk Backend API POST /v1/users answered HTTP 422: form_param_format_invalid (is invalid)"
            + " [clerk_trace_id trace-123]",
        e.getMessage());
  }

  @Test
  void sendWhenErrorEchoesSecretKeyThenRedacted() {
    fake.enqueueFault(
        "/v1/jwks",
        Fault.respond(
            FakeResponse.clerkError(401, "clerk_key_invalid", "bad key " + fake.secretKey())));

    ClerkApiException e = assertThrows(ClerkApiException.class, api::jwks);

    assertFalse(e.getMessage().contains(fake.secretKey()), e.getMessage());
    assertEquals("bad key [redacted]", e.errors().get(0).message());
  }

  @Test
  void sendWhenServerDownThenConnectExceptionAfterRetries() {
    String url = fake.apiUrl();
    fake.close();
    BackendApi down =
        BackendApi.builder()
            .apiUrl(url)
            .secretKey("sk_test_x")
            .sleeper(time)
            .clock(time)
            .random(() -> 0.5)
            .build();

    ConnectException e = assertThrows(ConnectException.class, down::jwks);

    assertTrue(
        e.getMessage().startsWith("Clerk Backend API GET /v1/jwks: cannot connect to " + url),
        e.getMessage());
    assertEquals(2, time.sleeps().size());
  }

  @Test
  void sendAsyncWhen503ThenRetriedWithoutBlocking() throws Exception {
    fake.registerApiKey("ak_1", "user_1");
    fake.enqueueFault("/api_keys/verify", answer(503, "1"));

    assertEquals("user_1", api.apiKeys().verifyAsync("ak_1").get().subject());
    assertEquals(List.of(Duration.ofSeconds(1)), time.sleeps());
    assertEquals(2, fake.requestCount("/api_keys/verify"));
  }

  @Test
  void sendAsyncWhenSlowerThanTimeoutThenFutureFailsWithTimeout() {
    fake.enqueueFault("/v1/users/user_1", Fault.delay(Duration.ofSeconds(5)));

    java.util.concurrent.ExecutionException e =
        assertThrows(
            java.util.concurrent.ExecutionException.class,
            () -> api.withTimeout(Duration.ofMillis(200)).users().getAsync("user_1").get());

    assertEquals(
        "Clerk Backend API GET /v1/users/user_1: no answer within PT0.2S",
        e.getCause().getMessage());
  }

  @Test
  void sendWhenBodyLargerThanCapThenMalformedResponseWithoutRetry() {
    BackendApi capped = TestApis.builder(fake, time).maxBodyBytes(64).build();
    fake.route(
        "GET",
        "/v1/users/user_big",
        r -> FakeResponse.json(200, "{\"id\":\"" + "x".repeat(200) + "\"}"));

    MalformedResponseException e =
        assertThrows(MalformedResponseException.class, () -> capped.users().get("user_big"));

    assertEquals(
        "Clerk Backend API GET /v1/users/user_big answered HTTP 200 with a body larger than 64 bytes",
        e.getMessage());
    assertEquals(1, fake.requestCount("/v1/users/user_big"));
    assertEquals(List.of(), time.sleeps());
  }

  @Test
  void sendAsyncWhenBodyLargerThanCapThenMalformedResponse() {
    BackendApi capped = TestApis.builder(fake, time).maxBodyBytes(64).build();
    fake.route(
        "GET",
        "/v1/users/user_big",
        r -> FakeResponse.json(200, "{\"id\":\"" + "x".repeat(200) + "\"}"));

    java.util.concurrent.ExecutionException e =
        assertThrows(
            java.util.concurrent.ExecutionException.class,
            () -> capped.users().getAsync("user_big").get());

    assertEquals(MalformedResponseException.class, e.getCause().getClass());
  }

  @Test
  void sendWhenEmptyBodyThenMalformedResponse() {
    fake.route("GET", "/v1/users/user_1", r -> new FakeResponse(200, List.of(), new byte[0]));

    MalformedResponseException e =
        assertThrows(MalformedResponseException.class, () -> api.users().get("user_1"));

    assertEquals(
        "Clerk Backend API GET /v1/users/user_1 answered HTTP 200 with a body that is empty",
        e.getMessage());
  }
}
