package dev.clerk.jakarta.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeResponse;
import dev.clerk.jakarta.testing.Fault;
import dev.clerk.jakarta.testing.RecordedRequest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one transport against FakeClerk on loopback: headers, URLs, the rules' time bounds, refusals.
 */
class HttpTransportTest {
  private static final System.Logger LOG = System.getLogger(HttpTransportTest.class.getName());

  private final FakeClerk fake = FakeClerk.start();
  private final ClerkExecutors executors = ClerkExecutors.create();
  private final HttpClient http = executors.newHttpClient(Duration.ofSeconds(2), null);

  @AfterEach
  void stop() {
    executors.close();
    fake.close();
  }

  private HttpTransport transport() {
    return HttpTransport.of(
        http,
        fake.apiUrl() + "//",
        1024,
        "the test client",
        executors,
        Sleeper.using(executors),
        Clock.systemUTC(),
        LOG);
  }

  @Test
  void requestWhenBuiltThenCarriesTheHeadersOfEveryCallToClerk() throws IOException {
    fake.route("GET", "/v1/echo", r -> FakeResponse.json(200, "{}"));
    HttpTransport t = transport();
    HttpRequest req =
        t.request(
                t.uri(HttpTransport.versioned("/v1/", "/echo"), "a=1"),
                Duration.ofSeconds(2),
                "application/json",
                "sk_test_1")
            .GET()
            .build();

    assertEquals(200, t.send(req, Retries.none(), "GET /v1/echo").status());

    RecordedRequest r = fake.requests("/v1/echo").get(0);
    assertEquals("1", r.queryParam("a"));
    assertEquals("Bearer sk_test_1", r.header("Authorization"));
    assertEquals("2026-05-12", r.header("Clerk-API-Version"));
    assertEquals("application/json", r.header("Accept"));
    assertTrue(r.header("User-Agent").startsWith("clerk-jakarta/"), r.header("User-Agent"));
  }

  @Test
  void requestWhenNoCredentialThenNoAuthorization() throws IOException {
    fake.route("GET", "/public", r -> FakeResponse.text(200, "ok"));
    HttpTransport t = transport();

    HttpTransport.Answer a =
        t.send(
            t.request(t.uri("/public", ""), Duration.ofSeconds(2), "text/html", null).GET().build(),
            Retries.none(),
            "GET /public");

    assertEquals("ok", a.text());
    assertNull(fake.requests("/public").get(0).header("Authorization"));
  }

  @Test
  void versionedWhenSlashesOrEmptyThenOneSlashEach() {
    assertEquals("/v1/jwks", HttpTransport.versioned("v1", "/jwks"));
    assertEquals("/v1/jwks", HttpTransport.versioned("//v1//", "/jwks"));
    assertEquals("/jwks", HttpTransport.versioned("", "/jwks"));
  }

  @Test
  void sendWhenRetriedOnceWithinTimeoutThenBothAttemptsEndWithinTheOneTimeout() {
    // Every answer is a 503; the first comes after 1.5 s of the 3 s, the second would come after 3
    // s.
    fake.route("GET", "/v1/slow", r -> FakeResponse.clerkError(503, "unavailable", "Down"));
    fake.enqueueFault("/v1/slow", Fault.delay(Duration.ofMillis(1500)));
    fake.enqueueFault("/v1/slow", Fault.delay(Duration.ofMillis(3000)));
    HttpTransport t = transport();
    HttpRequest req =
        t.request(t.uri("/v1/slow", ""), Duration.ofSeconds(3), "application/json", null)
            .GET()
            .build();

    long start = System.nanoTime();
    // The JDK's own timeout (headers) or the transport's (last byte): both are the time left.
    assertThrows(
        HttpTimeoutException.class,
        () ->
            t.send(
                req, Retries.onceWithinTimeout(a -> a.status() >= 500, f -> true), "GET /v1/slow"));
    Duration waited = Duration.ofNanos(System.nanoTime() - start);

    assertEquals(2, fake.requests("/v1/slow").size());
    // A bound, not a benchmark: a second attempt with its own 3 s would end after 4.5 s.
    assertTrue(waited.compareTo(Duration.ofMillis(4200)) < 0, waited.toString());
  }

  @Test
  void sendWhenBodyLargerThanTheCapThenTooLargeWithoutRetry() {
    fake.route("GET", "/v1/big", r -> FakeResponse.text(503, "x".repeat(4096)));
    HttpTransport t = transport();
    HttpRequest req =
        t.request(t.uri("/v1/big", ""), Duration.ofSeconds(2), "application/json", null)
            .GET()
            .build();

    IOException e =
        assertThrows(
            IOException.class,
            () -> t.send(req, Retries.onceWithinTimeout(a -> true, f -> true), "GET /v1/big"));

    LimitedBody.TooLargeException tooLarge = LimitedBody.TooLargeException.find(e);
    assertEquals(503, tooLarge.statusCode());
    assertEquals(1024, tooLarge.maxBytes());
    assertEquals(1, fake.requests("/v1/big").size());
  }

  @Test
  void sendWhenOwnerClosedThenRefusedWithoutSending() {
    HttpTransport t = transport();
    HttpRequest req =
        t.request(t.uri("/v1/x", ""), Duration.ofSeconds(2), "application/json", null)
            .GET()
            .build();
    executors.close();

    HttpTransport.Refused sync =
        assertThrows(
            HttpTransport.Refused.class,
            () -> t.send(req, Retries.onceWithinTimeout(a -> true, f -> true), "GET /v1/x"));
    CompletionException async =
        assertThrows(
            CompletionException.class, () -> t.sendAsync(req, Retries.none(), "GET /v1/x").join());

    assertEquals("the test client is closed", sync.getMessage());
    assertEquals(HttpTransport.Refused.class, async.getCause().getClass());
    assertEquals(0, fake.requests("/v1/x").size());
  }

  @Test
  void sendAsyncWhenSynchronousTransportThenIllegalState() {
    HttpTransport t = HttpTransport.synchronous(http, fake.apiUrl(), 1024, "the Clerk", LOG);
    HttpRequest req =
        t.request(t.uri("/v1/x", ""), Duration.ofSeconds(2), "application/json", null)
            .GET()
            .build();

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> t.sendAsync(req, Retries.none(), "GET /v1/x"));

    assertEquals("a synchronous transport has no timer for asynchronous calls", e.getMessage());
  }
}
