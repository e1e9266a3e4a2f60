package dev.clerk.jakarta.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.webhooks.WebhookEvent;
import dev.clerk.jakarta.core.webhooks.Webhooks;
import dev.clerk.jakarta.testing.FakeWebhooks;
import dev.clerk.jakarta.testing.WebhookDelivery;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The {@code webhook-signing-secret} setting and {@link Clerk#webhooks()}. */
class ClerkWebhooksTest {
  private static final String PK = "pk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA";
  private static final String SECRET_KEY = "sk_test_s3cr3tValue1234567890";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

  private static Map<String, String> keys() {
    return Map.of("CLERK_SECRET_KEY", SECRET_KEY, "CLERK_PUBLISHABLE_KEY", PK);
  }

  @Test
  void settingWhenNamedThenFollowsTheNamingScheme() {
    ClerkSetting s = ClerkSetting.WEBHOOK_SIGNING_SECRET;
    assertEquals("webhook-signing-secret", s.initParam());
    assertEquals("CLERK_WEBHOOK_SIGNING_SECRET", s.envVar());
    assertEquals("clerk.webhookSigningSecret", s.systemProperty());
  }

  @Test
  void fromSourcesWhenCommaListInInitParamThenEverySecretKeptAndHiddenInToString() {
    FakeWebhooks sender = FakeWebhooks.create(CLOCK);
    String old = sender.signingSecret();
    String fresh = sender.rotateSigningSecret();
    ClerkOptions o =
        ClerkOptions.fromSources(
            Map.of("webhook-signing-secret", old + " , " + fresh), keys(), new Properties());
    assertEquals(List.of(old, fresh), o.webhookSigningSecrets());
    assertTrue(o.toString().contains("webhookSigningSecrets=<2 set>"), o.toString());
    assertFalse(o.toString().contains(old.substring(6)), o.toString());
    assertTrue(
        ClerkOptions.builder()
            .secretKey(SECRET_KEY)
            .publishableKey(PK)
            .build()
            .toString()
            .contains("webhookSigningSecrets=unset"));
  }

  @Test
  void fromSourcesWhenEnvironmentOrSystemPropertyThenRead() {
    String secret = FakeWebhooks.create(CLOCK).signingSecret();
    Map<String, String> env = new java.util.HashMap<>(keys());
    env.put("CLERK_WEBHOOK_SIGNING_SECRET", secret);
    assertEquals(
        List.of(secret),
        ClerkOptions.fromSources(Map.of(), env, new Properties()).webhookSigningSecrets());
    Properties props = new Properties();
    props.setProperty("clerk.webhookSigningSecret", secret);
    assertEquals(
        List.of(secret), ClerkOptions.fromSources(Map.of(), keys(), props).webhookSigningSecrets());
  }

  @Test
  void fromSourcesWhenSecretMalformedThenFailsNamingSourceNotValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ClerkOptions.fromSources(
                    Map.of("webhook-signing-secret", "whsec_b2tvaw==, whsec_not*base64*leak"),
                    keys(),
                    new Properties()));
    assertEquals(
        "webhook-signing-secret: webhook signing secret 2 is not whsec_ followed by base64; copy the"
            + " Signing Secret of your endpoint from the Clerk Dashboard",
        e.getMessage());
    assertFalse(e.getMessage().contains("leak"));
  }

  @Test
  void builderWhenSetTwiceThenRefused() {
    String secret = FakeWebhooks.create(CLOCK).signingSecret();
    ClerkOptions.Builder b = ClerkOptions.builder().webhookSigningSecrets(List.of(secret));
    assertEquals(
        "webhookSigningSecrets was already set",
        assertThrows(IllegalStateException.class, () -> b.webhookSigningSecrets(List.of(secret)))
            .getMessage());
  }

  @Test
  void webhooksWhenNoSecretConfiguredThenFailsNamingTheSetting() {
    Clerk clerk = Clerk.builder().secretKey(SECRET_KEY).publishableKey(PK).build();
    IllegalStateException e = assertThrows(IllegalStateException.class, clerk::webhooks);
    assertEquals(Webhooks.missingSecretMessage(), e.getMessage());
    assertTrue(
        e.getMessage()
            .startsWith("Missing webhook signing secret. Set CLERK_WEBHOOK_SIGNING_SECRET"));
  }

  @Test
  void webhooksWhenSecretConfiguredThenVerifiesOnTheOptionsClockAndIsShared() throws Exception {
    FakeWebhooks sender = FakeWebhooks.create(CLOCK);
    Clerk clerk =
        Clerk.builder()
            .secretKey(SECRET_KEY)
            .publishableKey(PK)
            .configure(b -> b.webhookSigningSecrets(List.of(sender.signingSecret())).clock(CLOCK))
            .build();
    Webhooks webhooks = clerk.webhooks();
    assertSame(webhooks, clerk.webhooks());
    assertSame(CLOCK, webhooks.clock());
    WebhookDelivery d = sender.event("user.created", Map.of("id", "user_42"));
    WebhookEvent event = webhooks.verify(d.headerMap(), d.body());
    assertEquals("user_42", event.user().orElseThrow().id());
  }

  @Test
  void toBuilderWhenCopiedThenSecretsKept() {
    String secret = FakeWebhooks.create(CLOCK).signingSecret();
    ClerkOptions o =
        ClerkOptions.builder()
            .secretKey(SECRET_KEY)
            .publishableKey(PK)
            .webhookSigningSecrets(List.of(secret))
            .build();
    assertEquals(List.of(secret), o.toBuilder().build().webhookSigningSecrets());
  }
}
