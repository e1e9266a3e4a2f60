package dev.clerk.jakarta.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.backend.ClerkApiException;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.OutageReporter;
import dev.clerk.jakarta.core.token.MutableClock;
import dev.clerk.jakarta.testing.FakeClerk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JFR events, recorded with a real {@link Recording} while real flows run against FakeClerk,
 * read back from the dumped file with {@link RecordingFile}. The Clerk has no listener: JFR alone
 * turns the events on, and only while the recording runs.
 */
class JfrEventsTest {
  private static final List<String> NAMES =
      List.of(
          "dev.clerk.RequestAuthenticated",
          "dev.clerk.JwksFetch",
          "dev.clerk.BackendCall",
          "dev.clerk.Handshake",
          "dev.clerk.Refresh");

  private final MutableClock clock = new MutableClock();
  private final FakeClerk fake = FakeClerk.builder().production().clock(clock).start();
  private final Clerk clerk =
      Clerk.builder()
          .secretKey(fake.secretKey())
          .publishableKey(fake.publishableKey())
          .apiUrl(fake.apiUrl())
          .configure(o -> o.clock(clock).requestTimeout(Duration.ofSeconds(2)))
          .build();

  @AfterEach
  void close() {
    clerk.close();
    fake.close();
  }

  private static ClerkRequest.Builder page(String url) {
    return ClerkRequest.builder()
        .url(url)
        .header("sec-fetch-dest", "document")
        .header("accept", "text/html");
  }

  private List<RecordedEvent> record(Runnable flows) throws IOException {
    Path file =
        Files.createDirectories(Path.of("target", "jfr"))
            .resolve("clerk-events-" + System.nanoTime() + ".jfr");
    try (Recording recording = new Recording()) {
      for (String name : NAMES) {
        recording.enable(name).withThreshold(Duration.ZERO);
      }
      recording.start();
      flows.run();
      recording.stop();
      recording.dump(file);
    }
    return RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().startsWith("dev.clerk."))
        .toList();
  }

  private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
    return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
  }

  @Test
  void recordingWhenFlowsRunThenEachClerkEventIsCommittedWithItsFields() throws IOException {
    fake.backendApi().registerRefreshToken("refresh_1", "sess_1", "user_1");
    String expired =
        fake.sessionToken()
            .subject("user_1")
            .sessionId("sess_1")
            .shiftTimes(Duration.ofMinutes(-10))
            .sign();
    String refresh =
        "__client_uat=1; __session="
            + expired
            + "; __refresh_"
            + fake.backendApi().cookieSuffix()
            + "=refresh_1";

    List<RecordedEvent> events =
        record(
            () -> {
              ClerkRequest bearer =
                  ClerkRequest.builder()
                      .url("https://app.example.com/api")
                      .header("Authorization", "Bearer " + fake.sessionToken().sign())
                      .build();
              assertEquals(AuthStatus.SIGNED_IN, clerk.authenticateRequest(bearer).status());
              assertEquals(
                  AuthStatus.SIGNED_IN,
                  clerk
                      .authenticateRequest(
                          page("https://app.example.com/").header("cookie", refresh).build())
                      .status());
              assertEquals(
                  AuthStatus.HANDSHAKE,
                  clerk
                      .authenticateRequest(
                          page("https://app.example.com/")
                              .header("cookie", "__client_uat=1; __session=" + expired)
                              .build())
                      .status());
              assertThrows(
                  ClerkApiException.class,
                  () -> clerk.backendApi().users().get("user_not_there_1"));
            });

    assertEquals(
        setOf(
            "dev.clerk.BackendCall",
            "dev.clerk.Handshake",
            "dev.clerk.JwksFetch",
            "dev.clerk.Refresh",
            "dev.clerk.RequestAuthenticated"),
        events.stream()
            .map(e -> e.getEventType().getName())
            .collect(Collectors.toCollection(java.util.TreeSet::new)));
    RecordedEvent jwks = named(events, "dev.clerk.JwksFetch").get(0);
    assertEquals(1, jwks.getInt("keyCount"));
    assertEquals("", jwks.getString("failure"));
    assertEquals("Clerk", jwks.getEventType().getCategoryNames().get(0));
    List<String> requests =
        named(events, "dev.clerk.RequestAuthenticated").stream()
            .map(
                e ->
                    e.getString("status")
                        + " "
                        + e.getString("reason")
                        + " "
                        + e.getString("tokenType"))
            .sorted()
            .toList();
    assertEquals(
        List.of(
            "handshake session-token-expired-refresh-non-eligible-no-refresh-cookie session_token",
            "signed-in  session_token",
            "signed-in  session_token"),
        requests);
    RecordedEvent refreshed = named(events, "dev.clerk.Refresh").get(0);
    assertTrue(refreshed.getBoolean("refreshed"));
    RecordedEvent handshake = named(events, "dev.clerk.Handshake").get(0);
    assertEquals("REDIRECTED", handshake.getString("phase"));
    List<String> calls =
        named(events, "dev.clerk.BackendCall").stream()
            .map(e -> e.getString("method") + " " + e.getString("path") + " " + e.getInt("status"))
            .sorted()
            .toList();
    // A recording file is ordered by thread buffers, not by commit: compare sorted.
    assertEquals(
        List.of("GET /v1/users/{userId} 404", "POST /v1/sessions/{sessionId}/refresh 200"), calls);
    RecordedEvent request = named(events, "dev.clerk.RequestAuthenticated").get(1);
    assertTrue(request.getDuration().toNanos() > 0, request.toString());
    assertNull(request.getStackTrace());
  }

  private static java.util.TreeSet<String> setOf(String... names) {
    return new java.util.TreeSet<>(List.of(names));
  }

  @Test
  void requestStartedWhenRecordingStartsAndStopsThenTimedOnlyWhileItRuns() {
    try (EventPublisher publisher = EventPublisher.start(List.of(), new OutageReporter())) {
      assertNull(publisher.requestStarted());
      try (Recording recording = new Recording()) {
        recording.start();
        assertNotNull(publisher.requestStarted());
        recording.stop();
      }
      assertNull(publisher.requestStarted());
    }
  }
}
