package dev.clerk.jakarta.core.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.testing.FakeClerk;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hardening of {@link RequestAuthenticator} against hostile or replayed input. */
class RequestAuthenticatorTest {
  private static final Instant NOW = Instant.ofEpochSecond(1666648250);
  private final FakeClerk fake =
      FakeClerk.builder()
          .frontendApi("clerk.inspired.puma-74.lcl.dev")
          .clock(Clock.fixed(NOW, ZoneOffset.UTC))
          .production()
          .start();
  private final Logs logs = new Logs();

  @AfterEach
  void close() {
    logs.close();
    fake.close();
  }

  @Test
  void authenticateWhenReplayedHandshakeTokenAtChangingTimesThenOneWarningAndNoError() {
    String expired =
        fake.sessionToken()
            .subject("user_1")
            .issuedAt(NOW.minusSeconds(7200))
            .expiresAt(NOW.minusSeconds(3600))
            .sign();
    String handshake = fake.handshakeToken("__session=" + expired + "; Path=/");
    SteppingClock clock = new SteppingClock(NOW);
    Clerk clerk =
        Clerk.builder()
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(fake.apiUrl())
            .configure(o -> o.clock(clock))
            .build();
    ClerkRequest request =
        ClerkRequest.builder()
            .url("https://example.com/?__clerk_handshake=" + handshake)
            .header("sec-fetch-dest", "document")
            .build();

    List<RequestState> states = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      states.add(clerk.authenticateRequest(request));
      clock.now = clock.now.plus(Duration.ofSeconds(1));
    }

    for (RequestState state : states) {
      assertEquals(AuthReason.SESSION_TOKEN_AND_UAT_MISSING, state.reason());
    }
    assertEquals(
        List.of(
            "Clerk: unable to resolve handshake: JWT is expired. Expiry date: Mon, 24 Oct 2022 20:50:50 GMT,"
                + " Current date: Mon, 24 Oct 2022 21:50:50 GMT."),
        logs.at(Level.WARNING));
    // A replayed (stale) handshake token is the client's doing: never an ERROR line.
    assertEquals(List.of(), logs.at(Level.SEVERE));
  }

  /** A clock the test moves by hand. */
  private static final class SteppingClock extends Clock {
    volatile Instant now;

    SteppingClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("withZone");
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Collects the records of the request-flow logger. */
  private static final class Logs extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger(RequestAuthenticator.class.getName());
    private final List<LogRecord> records = new ArrayList<>();

    Logs() {
      logger.addHandler(this);
    }

    synchronized List<String> at(Level level) {
      return records.stream()
          .filter(r -> r.getLevel().equals(level))
          .map(LogRecord::getMessage)
          .toList();
    }

    @Override
    public synchronized void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
    }
  }
}
