package dev.clerk.jakarta.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.OutageReporter;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.testing.FakeClerk;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EventPublisher}: nothing is timed when nothing observes, a throwing listener breaks
 * neither the request nor the other listeners and is logged once per class, and listeners named in
 * {@code META-INF/services} are found with the thread context class loader.
 */
class EventPublisherTest {
  private final FakeClerk fake = FakeClerk.builder().production().start();
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
  private Level previousLevel;

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
    fake.close();
  }

  private Clerk clerk(ClerkEvents... listeners) {
    Clerk.Builder b =
        Clerk.builder()
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(fake.apiUrl());
    for (ClerkEvents l : listeners) {
      b.events(l);
    }
    return b.build();
  }

  private ClerkRequest bearer() {
    return ClerkRequest.builder()
        .url("https://app.example.com/api")
        .header("Authorization", "Bearer " + fake.sessionToken().sign())
        .build();
  }

  /** Throws from every method. */
  static final class Throwing implements ClerkEvents {
    @Override
    public void requestAuthenticated(RequestOutcome outcome) {
      throw new IllegalStateException(
          "listener bug with a detail that must not be logged at WARNING");
    }

    @Override
    public void jwksFetched(JwksFetch fetch) {
      throw new IllegalStateException("listener bug");
    }
  }

  @Test
  void requestStartedWhenNoListenerAndNoRecordingThenNull() {
    try (EventPublisher publisher = EventPublisher.start(List.of(), new OutageReporter())) {
      assertNull(publisher.requestStarted());
      assertNull(publisher.jwksFetch());
      assertNull(publisher.backendCall("GET", "/v1/jwks"));
      assertNull(publisher.handshakeStarted());
      assertNull(publisher.refreshStarted());
      assertEquals(false, publisher.active());
    }
  }

  @Test
  void requestEndedWhenNullTimingThenSameStateAndNoEvent() {
    RequestState state =
        RequestState.signedOut(dev.clerk.jakarta.core.request.AuthReason.SESSION_TOKEN_MISSING, "");

    assertSame(state, EventPublisher.none().requestEnded(null, state));
    assertEquals(List.of(), EventPublisher.none().listeners());
  }

  @Test
  void
      authenticateRequestWhenListenerThrowsThenRequestAndOtherListenersGoOnAndOneWarningPerClass() {
    RecordingEvents after = new RecordingEvents();
    try (Clerk clerk = clerk(new Throwing(), new Throwing(), after)) {
      RequestState first = clerk.authenticateRequest(bearer());
      RequestState second = clerk.authenticateRequest(bearer());

      assertEquals(AuthStatus.SIGNED_IN, first.status());
      assertEquals(AuthStatus.SIGNED_IN, second.status());
    }

    assertEquals(3, after.events.size(), after.events::toString);
    List<String> warnings =
        records.stream()
            .filter(r -> r.getLevel() == Level.WARNING)
            .map(LogRecord::getMessage)
            .toList();
    assertEquals(
        List.of(
            "Clerk: the event listener dev.clerk.jakarta.core.events.EventPublisherTest$Throwing threw"
                + " java.lang.IllegalStateException; the request goes on. Logged once per listener class."),
        warnings);
  }

  @Test
  void startWhenServiceFileNamesListenersThenGivenFirstThenDiscoveredAndBrokenOneSkipped()
      throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "events-service-loader"));
    Path services = Files.createDirectories(dir.resolve("META-INF").resolve("services"));
    Files.writeString(
        services.resolve(ClerkEvents.class.getName()),
        RecordingEvents.class.getName() + "\ndev.clerk.jakarta.core.events.NoSuchListener\n",
        StandardCharsets.UTF_8);
    RecordingEvents given = new RecordingEvents();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader webapp = new URLClassLoader(new URL[] {dir.toUri().toURL()}, previous)) {
      thread.setContextClassLoader(webapp);
      try (EventPublisher publisher = EventPublisher.start(List.of(given), new OutageReporter())) {
        List<ClerkEvents> listeners = publisher.listeners();

        assertEquals(2, listeners.size(), listeners::toString);
        assertSame(given, listeners.get(0));
        assertEquals(RecordingEvents.class, listeners.get(1).getClass());
        assertNotNull(publisher.requestStarted());
      }
    } finally {
      thread.setContextClassLoader(previous);
    }
    List<String> errors =
        records.stream()
            .filter(r -> r.getLevel() == Level.SEVERE)
            .map(LogRecord::getMessage)
            .toList();
    assertEquals(1, errors.size(), errors::toString);
    assertTrue(
        errors
            .get(0)
            .startsWith(
                "Clerk: a ClerkEvents listener named in META-INF/services cannot be used and is"
                    + " skipped: dev.clerk.jakarta.core.events.ClerkEvents: Provider dev.clerk.jakarta.core.events.NoSuchListener"
                    + " not found"),
        errors.get(0));
  }

  @Test
  void startWhenContextClassLoaderHasNoServiceFileThenOnlyTheGivenListeners() {
    RecordingEvents given = new RecordingEvents();
    try (EventPublisher publisher = EventPublisher.start(List.of(given), new OutageReporter())) {
      assertEquals(List.of(given), publisher.listeners());
    }
  }
}
