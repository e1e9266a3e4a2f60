package dev.clerk.jakarta.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.token.MutableClock;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.Fault;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Clerk#outages()} through real requests against FakeClerk: a JWKS outage is logged once per
 * cause and per instance (two applications in one JVM do not silence each other), its end once, and
 * no line carries a token or a secret.
 */
class ClerkOutagesTest {
  private final MutableClock clock = new MutableClock();
  private final FakeClerk fake = FakeClerk.builder().clock(clock).start();
  private final Clerk first = clerk();
  private final Clerk second = clerk();
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Logger library = Logger.getLogger("dev.clerk");
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private java.util.logging.Level previousLevel;

  private Clerk clerk() {
    return Clerk.builder()
        .secretKey(fake.secretKey())
        .publishableKey(fake.publishableKey())
        .apiUrl(fake.apiUrl())
        .configure(o -> o.clock(clock).requestTimeout(Duration.ofSeconds(1)))
        .build();
  }

  @BeforeEach
  void captureInfoAndAbove() {
    previousLevel = library.getLevel();
    library.setLevel(Level.INFO);
    library.addHandler(capture);
  }

  @AfterEach
  void close() {
    library.removeHandler(capture);
    library.setLevel(previousLevel);
    first.close();
    second.close();
    fake.close();
  }

  private static ClerkRequest bearer(String token) {
    return ClerkRequest.builder()
        .url("https://app.example.com/api")
        .header("Authorization", "Bearer " + token)
        .build();
  }

  private List<String> lines(Level level, String containing) {
    SimpleFormatter format = new SimpleFormatter();
    return records.stream()
        .filter(r -> r.getLevel() == level)
        .map(format::formatMessage)
        .filter(m -> m.contains(containing))
        .toList();
  }

  @Test
  void authenticateRequestWhenJwksDownThenOneErrorPerInstanceAndOneRecoveryLinePerInstance() {
    assertNotSame(first.outages(), second.outages());
    fake.failAlways("/v1/jwks", Fault.status(503));
    String token = fake.sessionToken().subject("user_outage").sign();
    for (int i = 0; i < 5; i++) {
      for (Clerk c : List.of(first, second)) {
        RequestState state = c.authenticateRequest(bearer(token));
        assertEquals("jwk-remote-failed-to-load", state.reason().value());
      }
    }
    assertEquals(List.of("jwk-remote-failed-to-load"), first.outages().outages());
    assertEquals(
        2, lines(Level.SEVERE, "could not verify a session token").size(), records.toString());

    fake.clearFaults();
    clock.advance(Duration.ofMinutes(1)); // past the JWKS failure back-off
    for (int i = 0; i < 3; i++) {
      for (Clerk c : List.of(first, second)) {
        assertTrue(c.authenticateRequest(bearer(token)).isSignedIn());
      }
    }

    assertEquals(List.of(), first.outages().outages());
    assertEquals(
        List.of(
            "Clerk authenticates requests again (the outage reported as jwk-remote-failed-to-load is over).",
            "Clerk authenticates requests again (the outage reported as jwk-remote-failed-to-load is over)."),
        lines(Level.INFO, "authenticates requests again"));
    SimpleFormatter format = new SimpleFormatter();
    String[] parts = token.split("\\.");
    for (LogRecord r : records) {
      String line = format.formatMessage(r);
      assertFalse(line.contains(token) || line.contains(parts[2]), line);
      assertFalse(line.contains(fake.secretKey()), line);
    }
  }

  @Test
  void authenticateRequestWhenOutageReturnsAfterRecoveryThenLoggedAgain() {
    String token = fake.sessionToken().subject("user_again").sign();
    fake.failAlways("/v1/jwks", Fault.status(503));
    first.authenticateRequest(bearer(token));
    fake.clearFaults();
    clock.advance(Duration.ofMinutes(1));
    assertTrue(first.authenticateRequest(bearer(token)).isSignedIn());
    // Keys expire from the cache; the JWKS fails again: a new outage, reported again.
    clock.advance(Duration.ofHours(2));
    fake.failAlways("/v1/jwks", Fault.status(503));
    String later = fake.sessionToken().subject("user_again").sign();
    assertFalse(first.authenticateRequest(bearer(later)).isSignedIn());

    assertEquals(
        2, lines(Level.SEVERE, "could not verify a session token").size(), records.toString());
    assertEquals(1, lines(Level.INFO, "authenticates requests again").size(), records.toString());
  }
}
