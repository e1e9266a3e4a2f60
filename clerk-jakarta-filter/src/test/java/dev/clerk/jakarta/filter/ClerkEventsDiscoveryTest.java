package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.events.ClerkEvents;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.testing.FakeClerk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A {@code web.xml}-configured filter builds its Clerk in the container, where no code can register
 * a listener: a {@link ClerkEvents} named in the web application's own {@code META-INF/services} is
 * found (the thread context class loader is the application's), and another application without
 * that file gets none, in embedded Jetty and Tomcat.
 */
class ClerkEventsDiscoveryTest {
  private final FakeClerk fake = FakeClerk.builder().production().start();

  @BeforeEach
  void clear() {
    CountingClerkEvents.OUTCOMES.clear();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private Path app(boolean withListener) throws Exception {
    Path dir = WebXmlApps.app(WebXmlApps.filter("clerk", WebXmlApps.clerkParams(fake)));
    if (withListener) {
      Path services = Files.createDirectories(dir.resolve("WEB-INF/classes/META-INF/services"));
      Files.writeString(
          services.resolve(ClerkEvents.class.getName()),
          CountingClerkEvents.class.getName() + "\n");
    }
    return dir;
  }

  @ParameterizedTest
  @EnumSource(EmbeddedContainer.class)
  void
      filterWhenApplicationNamesListenerInServiceFileThenItGetsItsRequestsAndTheOtherApplicationNone(
          EmbeddedContainer container) throws Exception {
    String bearer = "Authorization: Bearer " + fake.sessionToken().subject("user_1").sign();
    try (EmbeddedContainer.Deployment with = container.deploy("/with", app(true));
        EmbeddedContainer.Deployment without = container.deploy("/without", app(false))) {
      assertEquals(200, with.send("/with/api/whoami", bearer).status());
      assertEquals(200, without.send("/without/api/whoami", bearer).status());
      assertEquals(401, with.send("/with/api/whoami").status());
    }

    assertEquals(
        List.of(
            AuthStatus.SIGNED_IN + " " + TokenType.SESSION_TOKEN,
            AuthStatus.SIGNED_OUT + " " + TokenType.SESSION_TOKEN),
        CountingClerkEvents.OUTCOMES.stream().map(o -> o.status() + " " + o.tokenType()).toList());
  }
}
