package dev.clerk.jakarta.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.testing.FakeClerk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SharedClerkTest {
  private static FakeClerk fake;
  private final Map<String, Object> attributes = new ConcurrentHashMap<>();
  private final SharedClerk.Attributes app =
      SharedClerk.Attributes.of(attributes::get, attributes::put, attributes::remove);
  private final List<Clerk> toClose = new ArrayList<>();

  @BeforeAll
  static void start() {
    fake = FakeClerk.start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @AfterEach
  void close() {
    toClose.forEach(Clerk::close);
  }

  private static Map<String, String> keys() {
    return Map.of(
        "secret-key",
        fake.secretKey(),
        "publishable-key",
        fake.publishableKey(),
        "api-url",
        fake.apiUrl(),
        "protect",
        "/api/*",
        "public",
        "/health");
  }

  private Clerk applications() {
    Clerk c =
        Clerk.builder().secretKey(fake.secretKey()).publishableKey(fake.publishableKey()).build();
    toClose.add(c);
    return c;
  }

  @Test
  void acquireWhenNothingSharedThenBuildsFromTheClerkSettingsOfTheInitParamsAndShares() {
    SharedClerk.Lease lease = SharedClerk.acquire(app, "test", keys());
    toClose.add(lease.clerk());
    assertTrue(lease.built());
    assertSame(lease.clerk(), attributes.get(Clerk.CONTEXT_ATTRIBUTE));
    assertEquals(fake.apiUrl(), lease.clerk().options().apiUrl());
    assertEquals(Set.of("secret-key", "publishable-key", "api-url"), lease.builtFrom().keySet());
  }

  @Test
  void acquireWhenBuiltAlreadyThenTheSameClerkClosedOnceWhenTheLastHolderReleases() {
    SharedClerk.Lease first = SharedClerk.acquire(app, "filter", keys());
    SharedClerk.Lease second = SharedClerk.acquire(app, "feature", Map.of());
    assertSame(first.clerk(), second.clerk());
    assertFalse(second.built());
    assertEquals(first.builtFrom(), second.builtFrom());

    first.release();
    first.release(); // idempotent: does not count twice
    assertFalse(second.clerk().isClosed());
    assertSame(second.clerk(), attributes.get(Clerk.CONTEXT_ATTRIBUTE));

    second.release();
    assertTrue(second.clerk().isClosed());
    assertNull(attributes.get(Clerk.CONTEXT_ATTRIBUTE));
  }

  @Test
  void detachWhenTheOnlyHolderThenStaysOpenUntilALaterHolderReleases() {
    SharedClerk.Lease feature = SharedClerk.acquire(app, "feature", keys());
    feature.detach();
    assertFalse(feature.clerk().isClosed());
    assertSame(feature.clerk(), attributes.get(Clerk.CONTEXT_ATTRIBUTE));

    SharedClerk.Lease filter = SharedClerk.acquire(app, "filter", keys());
    assertSame(feature.clerk(), filter.clerk());
    filter.release();
    assertTrue(feature.clerk().isClosed());
    assertNull(attributes.get(Clerk.CONTEXT_ATTRIBUTE));
  }

  @Test
  void acquireWhenTheApplicationSharesItsClerkThenUsedAndNeverClosedNorUnshared() {
    Clerk own = applications();
    attributes.put(Clerk.CONTEXT_ATTRIBUTE, own);
    SharedClerk.Lease lease = SharedClerk.acquire(app, "filter", keys());
    assertSame(own, lease.clerk());
    assertNull(lease.builtFrom());
    lease.release();
    assertFalse(own.isClosed());
    assertSame(own, attributes.get(Clerk.CONTEXT_ATTRIBUTE));
  }

  @Test
  void shareWhenGivenThenSharedAndOnReleaseUnsharedNeverClosed() {
    Clerk given = applications();
    SharedClerk.Lease lease = SharedClerk.share(app, given);
    assertSame(given, attributes.get(Clerk.CONTEXT_ATTRIBUTE));
    assertSame(given, SharedClerk.acquire(app, "feature", Map.of()).clerk());
    lease.release();
    assertFalse(given.isClosed());
    assertNull(attributes.get(Clerk.CONTEXT_ATTRIBUTE));
  }

  @Test
  void shareWhenAnotherIsSharedThenKeepsItAndLeavesItOnRelease() {
    Clerk other = applications();
    attributes.put(Clerk.CONTEXT_ATTRIBUTE, other);
    Clerk given = applications();
    SharedClerk.Lease lease = SharedClerk.share(app, given);
    assertSame(given, lease.clerk());
    lease.release();
    assertSame(other, attributes.get(Clerk.CONTEXT_ATTRIBUTE));
    assertFalse(other.isClosed() || given.isClosed());
  }

  @Test
  void acquireWhenTheAttributeHoldsSomethingElseThenRefusedNamingIt() {
    attributes.put(Clerk.CONTEXT_ATTRIBUTE, "not a Clerk");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> SharedClerk.acquire(app, "filter", keys()));
    assertEquals(
        "ServletContext attribute dev.clerk.jakarta.Clerk holds a java.lang.String that is not this"
            + " application's Clerk",
        e.getMessage());
  }

  @Test
  void acquireWhenASettingIsInvalidThenNamesItAndSharesNothing() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SharedClerk.acquire(
                    app,
                    "filter",
                    Map.of(
                        "secret-key",
                        fake.secretKey(),
                        "publishable-key",
                        fake.publishableKey(),
                        "clock-skew-ms",
                        "soon")));
    assertTrue(e.getMessage().startsWith("clock-skew-ms"), e.getMessage());
    assertFalse(e.getMessage().contains(fake.secretKey()));
    assertTrue(attributes.isEmpty());
  }

  @Test
  void acquireWhenManyAdaptersAtOnceThenOneClerk() throws Exception {
    int n = 16;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<SharedClerk.Lease>> leases = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        leases.add(
            pool.submit(
                () -> {
                  go.await();
                  return SharedClerk.acquire(app, "adapter", keys());
                }));
      }
      go.countDown();
      List<SharedClerk.Lease> got = new ArrayList<>();
      for (Future<SharedClerk.Lease> f : leases) {
        got.add(f.get(30, TimeUnit.SECONDS));
      }
      assertEquals(1, got.stream().map(SharedClerk.Lease::clerk).distinct().count());
      assertEquals(1, got.stream().filter(SharedClerk.Lease::built).count());
      for (int i = 0; i < n - 1; i++) {
        got.get(i).release();
      }
      assertFalse(got.get(0).clerk().isClosed());
      got.get(n - 1).release();
      assertTrue(got.get(0).clerk().isClosed());
    } finally {
      pool.shutdownNow();
    }
  }
}
