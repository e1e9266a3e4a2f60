package dev.clerk.jakarta.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ClerkExecutorsTest {
  private static List<Thread> threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix) && t.isAlive())
        .toList();
  }

  @Test
  void createWhenNothingUsedThenNoThread() {
    try (ClerkExecutors executors = ClerkExecutors.create()) {
      assertEquals(List.of(), threadsNamed(executors.name() + "-"));
    }
  }

  @Test
  void closeWhenWorkerAndTimerRanThenTheirThreadsHaveEnded() throws Exception {
    ClerkExecutors executors = ClerkExecutors.create();
    CompletableFuture<String> ran = new CompletableFuture<>();
    executors.worker().execute(() -> ran.complete(Thread.currentThread().getName()));
    executors.delay(Duration.ofMillis(10)).get(5, TimeUnit.SECONDS);
    assertTrue(ran.get(5, TimeUnit.SECONDS).startsWith(executors.name() + "-worker-"));
    assertFalse(threadsNamed(executors.name() + "-").isEmpty());

    executors.close();

    // close() waits for them: nothing of this instance outlives it.
    assertEquals(List.of(), threadsNamed(executors.name() + "-"));
    assertTrue(executors.isClosed());
    assertThrows(RejectedExecutionException.class, () -> executors.worker().execute(() -> {}));
    ExecutionException late =
        assertThrows(ExecutionException.class, () -> executors.delay(Duration.ZERO).get());
    assertInstanceOf(RejectedExecutionException.class, late.getCause());
    executors.close(); // idempotent
  }

  @Test
  void withinWhenTheFutureIsLateThenFailsWithTheTimeout() throws Exception {
    try (ClerkExecutors executors = ClerkExecutors.create()) {
      CompletableFuture<String> never = new CompletableFuture<>();
      CompletableFuture<String> bounded =
          executors.within(never, Duration.ofSeconds(1), () -> new TimeoutException("late"));
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> bounded.get(5, TimeUnit.SECONDS));
      assertEquals("late", e.getCause().getMessage());
    }
  }

  @Test
  void withinWhenTheFutureCompletesInTimeThenItsValue() throws Exception {
    try (ClerkExecutors executors = ClerkExecutors.create()) {
      CompletableFuture<String> soon = new CompletableFuture<>();
      CompletableFuture<String> bounded =
          executors.within(soon, Duration.ofSeconds(30), () -> new TimeoutException("late"));
      soon.complete("value");
      assertEquals("value", bounded.get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void newHttpClientWhenCreatedThenItsSelectorThreadIsOutsideTheCallersClassLoader()
      throws Exception {
    ClassLoader mine = new ClassLoader(getClass().getClassLoader()) {};
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    ClerkExecutors executors = ClerkExecutors.create();
    HttpClient client;
    current.setContextClassLoader(mine); // as a web application's request thread
    try {
      client = executors.newHttpClient(Duration.ofSeconds(1), null);
    } finally {
      current.setContextClassLoader(previous);
    }
    Thread selector =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !before.contains(t) && t.getName().endsWith("-SelectorManager"))
            .findFirst()
            .orElseThrow();

    // Not the web application's (here: mine): the JDK 17 client gets the platform loader from us.
    assertNotSame(mine, selector.getContextClassLoader());
    assertSame(previous, current.getContextClassLoader()); // restored
    assertTrue(client.executor().isPresent());

    executors.close();
    if (Runtime.version().feature() >= 21) {
      // HttpClient.shutdownNow() and awaitTermination, called reflectively by close().
      selector.join(TimeUnit.SECONDS.toMillis(5));
      assertFalse(
          selector.isAlive(), "the selector thread outlived close() on Java " + Runtime.version());
    }
    // On 17 it ends once the client is unreachable (see ClerkExecutors); its executor is shut down.
    assertThrows(
        RejectedExecutionException.class, () -> client.executor().orElseThrow().execute(() -> {}));
  }

  @Test
  void newHttpClientWhenClosedThenRefused() {
    ClerkExecutors executors = ClerkExecutors.create();
    executors.close();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> executors.newHttpClient(Duration.ofSeconds(1), null));
    assertEquals(executors.name() + " is closed", e.getMessage());
  }
}
