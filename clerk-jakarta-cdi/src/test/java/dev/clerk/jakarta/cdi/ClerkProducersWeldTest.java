package dev.clerk.jakarta.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.backend.BackendApi;
import dev.clerk.jakarta.testing.FakeClerk;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.context.control.RequestContextController;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ClerkProducers} in Weld SE, outside a web application: the Clerk from system properties or
 * MicroProfile Config (SmallRye Config), one per container and closed with it; a signed-out {@code
 * ClerkAuth} without an HTTP request.
 */
class ClerkProducersWeldTest {
  private static final String[] PROPERTIES = {
    "clerk.secretKey", "clerk.publishableKey", "clerk.apiUrl"
  };

  private FakeClerk fake;
  private WeldContainer weld;

  @BeforeEach
  void start() {
    fake = FakeClerk.builder().production().start();
  }

  @AfterEach
  void stop() {
    if (weld != null && weld.isRunning()) {
      weld.shutdown();
    }
    for (String p : PROPERTIES) {
      System.clearProperty(p);
    }
    fake.close();
  }

  private void configureBySystemProperties() {
    System.setProperty("clerk.secretKey", fake.secretKey());
    System.setProperty("clerk.publishableKey", fake.publishableKey());
    System.setProperty("clerk.apiUrl", fake.apiUrl());
  }

  private WeldContainer weld(Class<?>... more) {
    Weld w =
        new Weld().disableDiscovery().addBeanClasses(ClerkProducers.class, ClerkInterceptor.class);
    if (more.length > 0) {
      w.addBeanClasses(more);
    }
    weld = w.initialize();
    return weld;
  }

  @Test
  void clerkWhenInjectedTwiceThenOneClerkFromSystemPropertiesClosedWithTheContainer() {
    configureBySystemProperties();
    weld();
    Clerk first = weld.select(Clerk.class).get();
    Clerk second = weld.select(Clerk.class).get();
    assertSame(first, second);
    assertEquals(fake.apiUrl(), first.options().apiUrl());
    assertSame(first.backendApi(), weld.select(BackendApi.class).get());
    assertFalse(first.isClosed());
    weld.shutdown();
    assertTrue(first.isClosed());
  }

  @Test
  void clerkWhenNotConfiguredThenFailsNamingTheSetting() {
    weld();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> weld.select(Clerk.class).get().toString());
    assertEquals(
        "clerk-jakarta-cdi: Clerk is not configured: Missing Clerk Secret Key. Go to"
            + " https://dashboard.clerk.com and get your key for your instance. (CLERK_SECRET_KEY, init-param secret-key;"
            + " or CLERK_JWT_KEY for networkless verification)",
        e.getMessage());
  }

  @Test
  void clerkWhenMicroProfileConfigGivesTheKeysThenUsed() throws Exception {
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader app = new URLClassLoader(new URL[0], previous)) {
      Config config =
          new SmallRyeConfigBuilder()
              .withSources(
                  new PropertiesConfigSource(
                      Map.of(
                          "clerk.secretKey",
                          fake.secretKey(),
                          "clerk.publishableKey",
                          fake.publishableKey(),
                          "clerk.apiUrl",
                          fake.apiUrl()),
                      "test",
                      500))
              .build();
      ConfigProviderResolver.instance().registerConfig(config, app);
      Thread.currentThread().setContextClassLoader(app);
      try {
        weld();
        Clerk clerk = weld.select(Clerk.class).get();
        assertEquals(fake.apiUrl(), clerk.options().apiUrl());
        assertEquals(fake.secretKey(), clerk.options().secretKey());
      } finally {
        Thread.currentThread().setContextClassLoader(previous);
        ConfigProviderResolver.instance().releaseConfig(config);
      }
    }
  }

  @Test
  void clerkWhenSystemPropertyAndMicroProfileConfigThenSystemPropertyWins() throws Exception {
    configureBySystemProperties();
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader app = new URLClassLoader(new URL[0], previous)) {
      Config config =
          new SmallRyeConfigBuilder()
              .withSources(
                  new PropertiesConfigSource(
                      Map.of(
                          "clerk.apiUrl",
                          "https://api.elsewhere.example",
                          "clerk.clockSkewMs",
                          "1234"),
                      "test",
                      500))
              .build();
      ConfigProviderResolver.instance().registerConfig(config, app);
      Thread.currentThread().setContextClassLoader(app);
      try {
        weld();
        Clerk clerk = weld.select(Clerk.class).get();
        assertEquals(fake.apiUrl(), clerk.options().apiUrl());
        assertEquals(java.time.Duration.ofMillis(1234), clerk.options().clockSkew());
      } finally {
        Thread.currentThread().setContextClassLoader(previous);
        ConfigProviderResolver.instance().releaseConfig(config);
      }
    }
  }

  @Test
  void clerkAuthWhenNoHttpRequestThenSignedOutWithoutBuildingAClerk() {
    weld();
    RequestContextController request = weld.select(RequestContextController.class).get();
    request.activate();
    try {
      ClerkAuth auth = weld.select(ClerkAuth.class).get();
      assertFalse(auth.isAuthenticated());
      assertEquals(java.util.Optional.empty(), auth.userId());
    } finally {
      request.deactivate();
    }
    // Not configured at all: had the producer asked for the Clerk, this would have failed.
    assertThrows(IllegalStateException.class, () -> weld.select(Clerk.class).get().toString());
  }

  @Test
  void interceptorWhenNoHttpRequestThenRefused401() {
    weld(GuardedBeans.Methods.class);
    GuardedBeans.Methods methods = weld.select(GuardedBeans.Methods.class).get();
    RequestContextController request = weld.select(RequestContextController.class).get();
    request.activate();
    try {
      assertEquals(
          401,
          assertThrows(dev.clerk.jakarta.core.authz.ClerkAccessException.class, methods::signIn)
              .status());
      assertEquals("open", methods.open());
    } finally {
      request.deactivate();
    }
  }
}
