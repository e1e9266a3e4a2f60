package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.webhooks.Webhooks;
import dev.clerk.jakarta.testing.FakeWebhooks;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where {@link ClerkWebhookServlet} finds its signing secret, and how it fails without one. */
class ClerkWebhookServletTest {
  private static final String PK = "pk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA";
  private static final String PROPERTY = "clerk.webhookSigningSecret";
  private final String secret = FakeWebhooks.create(Clock.systemUTC()).signingSecret();

  private static ServletContext context(Map<String, Object> attributes) {
    return (ServletContext)
        Proxy.newProxyInstance(
            ClerkWebhookServletTest.class.getClassLoader(),
            new Class<?>[] {ServletContext.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getAttribute" -> attributes.get((String) args[0]);
                  case "toString" -> "test-context";
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static ServletConfig config(ServletContext ctx, Map<String, String> params) {
    return new ServletConfig() {
      @Override
      public String getServletName() {
        return "hooks";
      }

      @Override
      public ServletContext getServletContext() {
        return ctx;
      }

      @Override
      public String getInitParameter(String name) {
        return params.get(name);
      }

      @Override
      public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(params.keySet());
      }
    };
  }

  private static final class Hooks extends RecordingWebhookServlet {
    private static final long serialVersionUID = 1L;

    Webhooks current() {
      return webhooks();
    }
  }

  private static final class GivenHooks extends ClerkWebhookServlet {
    private static final long serialVersionUID = 1L;

    GivenHooks(Webhooks webhooks) {
      super(webhooks);
    }

    @Override
    protected void onEvent(
        dev.clerk.jakarta.core.webhooks.WebhookEvent event,
        jakarta.servlet.http.HttpServletRequest r) {
      // Not called here.
    }

    Webhooks current() {
      return webhooks();
    }
  }

  @Test
  void initWhenWebhooksGivenThenUsedWhateverTheInitParams() throws ServletException {
    Webhooks given = Webhooks.builder().secrets(secret).build();
    GivenHooks s = new GivenHooks(given);
    s.init(config(context(Map.of()), Map.of("webhook-signing-secret", "not even base64!")));
    assertSame(given, s.current());
  }

  @Test
  void initWhenInitParamThenItsSecretsWinOverTheSharedClerk() throws ServletException {
    Clerk shared =
        Clerk.builder()
            .secretKey("sk_test_x")
            .publishableKey(PK)
            .configure(b -> b.webhookSigningSecrets(List.of(secret)))
            .build();
    String other = FakeWebhooks.create(Clock.systemUTC()).signingSecret();
    Hooks s = new Hooks();
    s.init(
        config(
            context(Map.of(Clerk.CONTEXT_ATTRIBUTE, shared)),
            Map.of("webhook-signing-secret", other + "," + secret)));
    assertEquals(2, s.current().secretCount());
  }

  @Test
  void initWhenSharedClerkHasSecretsThenItsWebhooks() throws ServletException {
    Clerk shared =
        Clerk.builder()
            .secretKey("sk_test_x")
            .publishableKey(PK)
            .configure(b -> b.webhookSigningSecrets(List.of(secret)))
            .build();
    Hooks s = new Hooks();
    s.init(config(context(Map.of(Clerk.CONTEXT_ATTRIBUTE, shared)), Map.of()));
    assertSame(shared.webhooks(), s.current());
  }

  @Test
  void initWhenInitParamMalformedThenUnavailableNamingItNeverTheValue() {
    Hooks s = new Hooks();
    UnavailableException e =
        assertThrows(
            UnavailableException.class,
            () ->
                s.init(
                    config(context(Map.of()), Map.of("webhook-signing-secret", "sk_live_leaked"))));
    assertEquals(
        "Clerk webhook servlet hooks: init-param webhook-signing-secret: webhook signing secret 1 is not"
            + " whsec_ followed by base64; copy the Signing Secret of your endpoint from the Clerk Dashboard",
        e.getMessage());
    assertFalse(e.getMessage().contains("leaked"));
    assertEquals(60, e.getUnavailableSeconds());
  }

  @Test
  void initWhenNothingConfiguredThenUnavailableNamingTheSetting() {
    assumeTrue(
        System.getenv("CLERK_WEBHOOK_SIGNING_SECRET") == null,
        "the environment configures a secret");
    assumeTrue(System.getProperty(PROPERTY) == null, "a system property configures a secret");
    Clerk shared = Clerk.builder().secretKey("sk_test_x").publishableKey(PK).build();
    Hooks s = new Hooks();
    UnavailableException e =
        assertThrows(
            UnavailableException.class,
            () ->
                s.init(
                    config(
                        context(new HashMap<>(Map.of(Clerk.CONTEXT_ATTRIBUTE, shared))),
                        Map.of())));
    assertEquals("Clerk webhook servlet hooks: " + Webhooks.missingSecretMessage(), e.getMessage());
  }

  @Test
  void initWhenOnlySystemPropertyThenUsed() throws ServletException {
    assumeTrue(
        System.getenv("CLERK_WEBHOOK_SIGNING_SECRET") == null,
        "the environment configures a secret");
    assumeTrue(System.getProperty(PROPERTY) == null, "a system property configures a secret");
    System.setProperty(PROPERTY, secret);
    try {
      Hooks s = new Hooks();
      s.init(config(context(Map.of()), Map.of()));
      assertEquals(1, s.current().secretCount());
    } finally {
      System.clearProperty(PROPERTY);
    }
  }

  @Test
  void webhooksWhenNotInitialisedThenIllegalState() {
    Hooks s = new Hooks();
    assertEquals(
        "ClerkWebhookServlet is not initialised",
        assertThrows(IllegalStateException.class, s::current).getMessage());
    assertEquals("ClerkWebhookServlet{not initialised}", s.toString());
  }
}
