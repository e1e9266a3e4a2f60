package dev.clerk.jakarta.testing.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeClerkSettings;
import dev.clerk.jakarta.testing.FakeClock;
import dev.clerk.jakarta.testing.FakeCredential;
import dev.clerk.jakarta.testing.FakeFrontendApi;
import dev.clerk.jakarta.testing.FakeTokens;
import dev.clerk.jakarta.testing.Fault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs small test classes that use the extension (the nested {@code Fixture…} classes, which
 * Surefire does not run by themselves) with JUnit's {@link EngineTestKit}, and checks what they
 * saw.
 */
class FakeClerkExtensionTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** What the fixtures saw, in order; cleared before each run. */
  static final List<Object> SEEN = new CopyOnWriteArrayList<>();

  private static Events run(Class<?> fixture) {
    SEEN.clear();
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(fixture))
        .execute()
        .testEvents();
  }

  private static int jwksStatus(FakeClerk fake) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(fake.apiUrl() + "/v1/jwks"))
                .header("Authorization", "Bearer " + fake.secretKey())
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static void assertClosed(FakeClerk fake) {
    assertThrows(IOException.class, () -> jwksStatus(fake));
  }

  private static Map<String, Object> claims(FakeCredential c) {
    String json =
        new String(
            Base64.getUrlDecoder().decode(c.token().split("\\.")[1]), StandardCharsets.UTF_8);
    try {
      return org.jose4j.json.JsonUtil.parseJson(json);
    } catch (org.jose4j.lang.JoseException e) {
      throw new AssertionError(json, e);
    }
  }

  // ---- @FakeClerkTest, once per class ---------------------------------------------------------

  @FakeClerkTest
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class FixturePerClass {
    static FakeClerk staticField;
    FakeClerk field;

    @BeforeAll
    static void beforeAll(FakeClerk fake) {
      SEEN.add(fake);
      SEEN.add(staticField);
    }

    @Test
    @Order(1)
    void first(
        FakeClerk fake, FakeClerkSettings settings, FakeTokens tokens, FakeFrontendApi frontend)
        throws Exception {
      SEEN.add(fake);
      SEEN.add(field);
      assertSame(fake.settings(), settings);
      assertSame(fake.tokens(), tokens);
      assertSame(fake.frontend(), frontend);
      fake.failAlways("/v1/jwks", Fault.status(503));
      fake.setClock(FakeClock.at(Instant.parse("2020-01-01T00:00:00Z")));
      assertEquals(503, jwksStatus(fake));
    }

    @Test
    @Order(2)
    void second(FakeClerk fake) throws Exception {
      SEEN.add(fake);
      SEEN.add(fake.requests().size());
      SEEN.add(jwksStatus(fake));
      SEEN.add(fake.clock().instant().isAfter(Instant.parse("2025-01-01T00:00:00Z")));
    }

    @Nested
    class Inner {
      @Test
      void nested(FakeClerk fake) {
        SEEN.add(fake);
      }
    }
  }

  @Test
  void fakeClerkTestWhenPerClassThenOneFakeInjectedEverywhereResetBetweenTestsAndClosedAfter()
      throws Exception {
    run(FixturePerClass.class).assertStatistics(s -> s.started(3).succeeded(3));
    FakeClerk fake = (FakeClerk) SEEN.get(0);
    assertNotNull(fake);
    // @BeforeAll parameter and static field, then each test's parameter and instance field.
    assertEquals(List.of(fake, fake, fake, fake, fake, 0, 200, true, fake), SEEN);
    assertClosed(fake);
  }

  // ---- once per test, with system properties ----------------------------------------------------

  @FakeClerkTest(lifecycle = FakeClerkTest.Lifecycle.PER_TEST, systemProperties = true)
  static class FixturePerTestWithSystemProperties {
    @Test
    void one(FakeClerk fake) {
      SEEN.add(fake);
      SEEN.add(fake.secretKey().equals(System.getProperty("clerk.secretKey")));
      SEEN.add(fake.apiUrl().equals(System.getProperty("clerk.proxyUrl")));
    }

    @Test
    void two(FakeClerk fake) {
      SEEN.add(fake);
      SEEN.add(fake.publishableKey().equals(System.getProperty("clerk.publishableKey")));
      SEEN.add(fake.apiUrl().equals(System.getProperty("clerk.apiUrl")));
    }
  }

  @Test
  void fakeClerkTestWhenPerTestWithSystemPropertiesThenAFakeEachTestAndPropertiesRestored() {
    System.setProperty("clerk.secretKey", "sk_test_before");
    try {
      run(FixturePerTestWithSystemProperties.class)
          .assertStatistics(s -> s.started(2).succeeded(2));
      assertEquals(List.of(true, true), List.of(SEEN.get(1), SEEN.get(2)));
      assertEquals(List.of(true, true), List.of(SEEN.get(4), SEEN.get(5)));
      assertNotSame(SEEN.get(0), SEEN.get(3));
      assertClosed((FakeClerk) SEEN.get(0));
      assertClosed((FakeClerk) SEEN.get(3));
      assertEquals("sk_test_before", System.getProperty("clerk.secretKey"));
      assertNull(System.getProperty("clerk.apiUrl"));
    } finally {
      System.clearProperty("clerk.secretKey");
    }
  }

  // ---- @SignedIn ----------------------------------------------------------------------------

  @FakeClerkTest
  @SignedIn(user = "user_class")
  static class FixtureSignedIn {
    @Test
    @SignedIn(
        user = "user_1",
        org = "org_1",
        role = "org:admin",
        permissions = {"org:invoices:read", "org:invoices:write"})
    void v2(FakeCredential alice, FakeCredential same) {
      SEEN.add(alice);
      SEEN.add(same);
    }

    @Test
    @SignedIn(
        user = "user_2",
        org = "org_2",
        role = "org:member",
        permissions = "org:invoices:read",
        claims = SignedIn.Claims.V1)
    void v1(FakeCredential bob) {
      SEEN.add(bob);
    }

    @Test
    void fromTheClass(FakeCredential someone) {
      SEEN.add(someone);
    }
  }

  @Test
  void signedInWhenOnMethodOrClassThenTheCredentialOfThatIdentity() {
    run(FixtureSignedIn.class).assertStatistics(s -> s.started(3).succeeded(3));
    FakeCredential alice =
        SEEN.stream()
            .filter(o -> o instanceof FakeCredential c && c.subject().equals("user_1"))
            .map(FakeCredential.class::cast)
            .findFirst()
            .orElseThrow();
    assertEquals(2, SEEN.stream().filter(o -> o == alice).count(), "one credential per test");
    Map<String, Object> a = claims(alice);
    assertEquals(
        Map.of("id", "org_1", "slg", "org_1", "rol", "admin", "per", "read,write", "fpm", "3"),
        a.get("o"));
    assertEquals("o:invoices", a.get("fea"));
    Map<String, Object> b =
        claims(
            SEEN.stream()
                .map(FakeCredential.class::cast)
                .filter(c -> c.subject().equals("user_2"))
                .findFirst()
                .orElseThrow());
    assertEquals("org:member", b.get("org_role"));
    assertEquals(List.of("org:invoices:read"), b.get("org_permissions"));
    assertTrue(
        SEEN.stream()
            .map(FakeCredential.class::cast)
            .anyMatch(c -> c.subject().equals("user_class")));
  }

  @FakeClerkTest
  static class FixtureCredentialWithoutSignedIn {
    @Test
    void test(FakeCredential nobody) {
      SEEN.add(nobody);
    }
  }

  @Test
  void signedInWhenAbsentThenACredentialParameterIsNotResolved() {
    run(FixtureCredentialWithoutSignedIn.class)
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test(),
                finishedWithFailure(
                    instanceOf(ParameterResolutionException.class),
                    message(
                        m ->
                            m.startsWith(
                                "No ParameterResolver registered for parameter [dev.clerk.jakarta.testing.FakeCredential")))));
  }

  // ---- @RegisterExtension ---------------------------------------------------------------------

  static class FixtureRegisteredStatic {
    @RegisterExtension
    static final FakeClerkExtension CLERK =
        FakeClerkExtension.newInstance()
            .startingWith(
                () ->
                    FakeClerk.builder()
                        .clock(FakeClock.at(Instant.parse("2026-01-15T10:00:00Z")))
                        .start());

    @Test
    void one() {
      SEEN.add(CLERK.fake());
      SEEN.add(CLERK.tokens().session("user_1").subject());
      SEEN.add(CLERK.fake().clock().instant());
      CLERK.fake().setClock(FakeClock.at(Instant.EPOCH));
    }

    @Test
    void two() {
      SEEN.add(CLERK.fake());
      SEEN.add(CLERK.settings().initParams().get("secret-key").equals(CLERK.fake().secretKey()));
      SEEN.add(CLERK.fake().clock().instant());
    }
  }

  @Test
  void registerExtensionWhenStaticFieldThenOneFakeForTheClassFromItsStarterAndItsClockRestored() {
    run(FixtureRegisteredStatic.class).assertStatistics(s -> s.started(2).succeeded(2));
    assertSame(SEEN.get(0), SEEN.get(3));
    Instant start = Instant.parse("2026-01-15T10:00:00Z");
    assertEquals(
        List.of("user_1", start, true, start),
        List.of(SEEN.get(1), SEEN.get(2), SEEN.get(4), SEEN.get(5)));
    assertClosed((FakeClerk) SEEN.get(0));
  }

  static class FixtureRegisteredInstance {
    @RegisterExtension
    final FakeClerkExtension clerk = FakeClerkExtension.newInstance().withSystemProperties();

    @Test
    void one() {
      SEEN.add(clerk.fake());
      SEEN.add(clerk.fake().secretKey().equals(System.getProperty("clerk.secretKey")));
    }

    @Test
    void two() {
      SEEN.add(clerk.fake());
    }
  }

  @Test
  void registerExtensionWhenInstanceFieldThenAFakeEachTest() {
    run(FixtureRegisteredInstance.class).assertStatistics(s -> s.started(2).succeeded(2));
    assertEquals(true, SEEN.get(1));
    assertNotSame(SEEN.get(0), SEEN.get(2));
    assertNull(System.getProperty("clerk.secretKey"));
  }

  @Test
  void fakeWhenNotRunningThenIllegalStateNamingWhen() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> FakeClerkExtension.newInstance().fake());
    assertEquals(
        "FakeClerk is not running: fake() is for the tests of the class that registers this extension,"
            + " from @BeforeAll on (@BeforeEach on for an instance field or perTest())",
        e.getMessage());
  }

  @Test
  void expiredSessionWhenMintedThroughTheExtensionThenExpired() {
    try (FakeClerk fake = FakeClerk.start()) {
      long exp = ((Number) claims(fake.tokens().expiredSession("user_1")).get("exp")).longValue();
      assertTrue(exp < fake.clock().instant().minus(Duration.ofSeconds(30)).getEpochSecond());
    }
  }
}
