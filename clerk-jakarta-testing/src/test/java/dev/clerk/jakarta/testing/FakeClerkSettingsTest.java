package dev.clerk.jakarta.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeClerkSettingsTest {
  @Test
  void settingsWhenStartedThenTheFakesValuesUnderEachName() {
    try (FakeClerk fake = FakeClerk.start()) {
      FakeClerkSettings s = fake.settings();
      assertEquals(
          Map.of(
              "secret-key",
              fake.secretKey(),
              "publishable-key",
              fake.publishableKey(),
              "api-url",
              fake.apiUrl(),
              "proxy-url",
              fake.apiUrl(),
              "webhook-signing-secret",
              fake.webhookSigningSecret()),
          s.initParams());
      assertEquals(
          List.of(
              "CLERK_SECRET_KEY",
              "CLERK_PUBLISHABLE_KEY",
              "CLERK_API_URL",
              "CLERK_PROXY_URL",
              "CLERK_WEBHOOK_SIGNING_SECRET"),
          List.copyOf(s.environment().keySet()));
      assertEquals(
          List.of(
              "clerk.secretKey",
              "clerk.publishableKey",
              "clerk.apiUrl",
              "clerk.proxyUrl",
              "clerk.webhookSigningSecret"),
          List.copyOf(s.systemProperties().keySet()));
      assertEquals(fake.secretKey(), s.environment().get("CLERK_SECRET_KEY"));
      assertEquals(fake.apiUrl(), s.systemProperties().get("clerk.apiUrl"));
    }
  }

  @Test
  void toStringWhenSettingsThenNamesWithoutSecrets() {
    try (FakeClerk fake = FakeClerk.start()) {
      assertEquals(
          "FakeClerkSettings[secret-key, publishable-key, api-url, proxy-url, webhook-signing-secret]",
          fake.settings().toString());
    }
  }
}
