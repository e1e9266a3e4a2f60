package dev.clerk.jakarta.examples.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.backend.ClerkApiException;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.testing.FakeClerk;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ClerkMetrics} on a real Clerk against FakeClerk: the meters move as requests and calls
 * happen.
 */
class ClerkMetricsTest {
  private final FakeClerk fake = FakeClerk.builder().production().start();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Clerk clerk =
      Clerk.builder()
          .secretKey(fake.secretKey())
          .publishableKey(fake.publishableKey())
          .apiUrl(fake.apiUrl())
          .events(new ClerkMetrics(registry))
          .build();

  @AfterEach
  void close() {
    clerk.close();
    fake.close();
    registry.close();
  }

  private ClerkRequest bearer(String token) {
    return ClerkRequest.builder()
        .url("https://app.example.com/api")
        .header("Authorization", "Bearer " + token)
        .build();
  }

  @Test
  void authenticateRequestWhenSignedInAndSignedOutThenRequestTimersAndOneJwksFetchCounted() {
    clerk.authenticateRequest(bearer(fake.sessionToken().sign()));
    clerk.authenticateRequest(bearer(fake.sessionToken().sign()));
    clerk.authenticateRequest(bearer("not-a-jwt"));

    Timer signedIn =
        registry
            .get("clerk.requests")
            .tags("status", "signed-in", "reason", "none", "token.type", "session_token")
            .timer();
    assertEquals(2, signedIn.count());
    assertTrue(signedIn.totalTime(TimeUnit.NANOSECONDS) > 0);
    assertEquals(1, registry.get("clerk.requests").tags("status", "signed-out").timer().count());
    assertEquals(
        1.0, registry.get("clerk.jwks.fetches").tags("outcome", "success").counter().count());
  }

  @Test
  void backendApiWhenCalledThenTimerTaggedWithThePathTemplate() {
    assertThrows(ClerkApiException.class, () -> clerk.backendApi().users().get("user_42"));

    Timer calls =
        registry
            .get("clerk.backend.calls")
            .tags("method", "GET", "path", "/v1/users/{userId}", "status", "404")
            .timer();
    assertEquals(1, calls.count());
  }

  @Test
  void authenticateRequestWhenSessionExpiredOnAPageThenHandshakeCounted() {
    String expired = fake.sessionToken().shiftTimes(java.time.Duration.ofMinutes(-10)).sign();
    clerk.authenticateRequest(
        ClerkRequest.builder()
            .url("https://app.example.com/")
            .header("sec-fetch-dest", "document")
            .header("cookie", "__client_uat=1; __session=" + expired)
            .build());

    assertEquals(
        1.0, registry.get("clerk.handshakes").tags("phase", "redirected").counter().count());
  }
}
