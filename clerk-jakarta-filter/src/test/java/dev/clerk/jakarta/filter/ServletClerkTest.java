package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.SharedClerk;
import dev.clerk.jakarta.testing.FakeClerk;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/**
 * {@link ServletClerk#acquire}: another adapter that starts before {@link ClerkFilter} (a listener
 * here, as the Jakarta Security mechanism or a CDI producer at application start) builds the Clerk
 * from the filter's init-params, and the filter then uses that same Clerk. Embedded Jetty {@code
 * ee10}.
 */
class ServletClerkTest {
  private static void withApp(Map<String, String> params, AtomicReference<SharedClerk.Lease> lease)
      throws Exception {
    Server server = new Server(0);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addEventListener(
        new ServletContextListener() {
          @Override
          public void contextInitialized(ServletContextEvent sce) {
            lease.set(ServletClerk.acquire(sce.getServletContext(), "ServletClerkTest"));
          }
        });
    FilterHolder holder = new FilterHolder(ClerkFilter.class);
    holder.setName("ClerkFilter");
    holder.setInitParameters(params);
    context.addFilter(holder, "/*", EnumSet.allOf(DispatcherType.class));
    server.setHandler(context);
    server.start();
    try {
      SharedClerk.Lease l = lease.get();
      assertNotNull(l);
      assertTrue(l.built(), l::toString);
      Clerk filtersClerk = ((ClerkFilter) holder.getFilter()).clerk();
      assertSame(l.clerk(), filtersClerk);
      assertSame(l.clerk(), context.getServletContext().getAttribute(Clerk.CONTEXT_ATTRIBUTE));
    } finally {
      server.stop();
      lease.get().release();
    }
  }

  @Test
  void acquireWhenClerkFilterDeclaredWithKeysThenBuiltFromItsInitParamsAndSharedWithIt()
      throws Exception {
    try (FakeClerk fake = FakeClerk.start()) {
      AtomicReference<SharedClerk.Lease> lease = new AtomicReference<>();
      withApp(
          Map.of(
              "secret-key",
              fake.secretKey(),
              "publishable-key",
              fake.publishableKey(),
              "api-url",
              fake.apiUrl(),
              "protect",
              "/api/*"),
          lease);
      assertEquals(
          Map.of(
              "secret-key",
              fake.secretKey(),
              "publishable-key",
              fake.publishableKey(),
              "api-url",
              fake.apiUrl()),
          lease.get().builtFrom());
      assertEquals(fake.apiUrl(), lease.get().clerk().options().apiUrl());
    }
  }

  @Test
  void acquireWhenNoFilterAndNoKeysThenFailsNamingTheSetting() {
    // No container type in a lambda's signature: the ee11 execution discovers this class without
    // Jetty ee10.
    ServletContext app = new ServletContextHandler("/").getServletContext();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ServletClerk.acquire(app, "ServletClerkTest"));
    assertEquals(
        "Missing Clerk Secret Key. Go to https://dashboard.clerk.com and get your key for your instance."
            + " (CLERK_SECRET_KEY, init-param secret-key; or CLERK_JWT_KEY for networkless verification)",
        e.getMessage());
  }

  @Test
  void toClerkRequestWhenNullThenNullPointerNamingTheArgument() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> ServletClerk.toClerkRequest(null));
    assertEquals("request == null", e.getMessage());
  }
}
