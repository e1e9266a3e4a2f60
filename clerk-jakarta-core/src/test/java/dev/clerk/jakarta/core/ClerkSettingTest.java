package dev.clerk.jakarta.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClerkSettingTest {
  @Test
  void toStringWhenEverySettingSetThenListsEachOnceAndMasksTheSecrets() {
    ClerkOptions o =
        ClerkOptions.builder()
            .secretKey("sk_test_hidden")
            .machineSecretKey("ak_hidden")
            .publishableKey("pk_test_Y2xlcmsuZXhhbXBsZS5jb20k")
            .webhookSigningSecrets(java.util.List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
            .build();
    String s = o.toString();
    for (ClerkSetting setting : ClerkSetting.values()) {
      assertTrue(s.contains(setting.property() + "="), setting + " missing from " + s);
    }
    assertEquals(ClerkSetting.values().length, s.split(", ").length, s);
    assertFalse(s.contains("sk_test_hidden"), s);
    assertFalse(s.contains("ak_hidden"), s);
    assertFalse(s.contains("whsec_"), s);
    assertTrue(s.contains("webhookSigningSecrets=<1 set>"), s);
  }

  @Test
  void webhookSigningSecretWhenReadByWebhooksThenSameThreeNames() {
    ClerkSetting s = ClerkSetting.WEBHOOK_SIGNING_SECRET;
    assertEquals(s.initParam(), dev.clerk.jakarta.core.webhooks.Webhooks.SIGNING_SECRET_INIT_PARAM);
    assertEquals(s.envVar(), dev.clerk.jakarta.core.webhooks.Webhooks.SIGNING_SECRET_ENV_VAR);
    assertEquals(
        s.systemProperty(),
        dev.clerk.jakarta.core.webhooks.Webhooks.SIGNING_SECRET_SYSTEM_PROPERTY);
  }

  @Test
  void systemPropertyWhenInitParamIsKebabCaseThenCamelCaseUnderClerk() {
    assertEquals("clerk.secretKey", ClerkSetting.SECRET_KEY.systemProperty());
    assertEquals("clerk.publishableKey", ClerkSetting.PUBLISHABLE_KEY.systemProperty());
    assertEquals(
        "clerk.jwksMinRefreshIntervalMs",
        ClerkSetting.JWKS_MIN_REFRESH_INTERVAL_MS.systemProperty());
    assertEquals("clerk.httpTimeoutMs", ClerkSetting.HTTP_TIMEOUT_MS.systemProperty());
  }

  @Test
  void namesWhenDesignTableThenMatch() {
    assertEquals("secret-key", ClerkSetting.SECRET_KEY.initParam());
    assertEquals("CLERK_SECRET_KEY", ClerkSetting.SECRET_KEY.envVar());
    assertEquals("jwt-key", ClerkSetting.JWT_KEY.initParam());
    assertEquals("CLERK_JWT_KEY", ClerkSetting.JWT_KEY.envVar());
    assertEquals("CLERK_AUTHORIZED_PARTIES", ClerkSetting.AUTHORIZED_PARTIES.envVar());
    assertEquals("clock-skew-ms", ClerkSetting.CLOCK_SKEW_MS.initParam());
    assertEquals("CLERK_API_VERSION", ClerkSetting.API_VERSION.envVar());
    assertEquals("accepts-token", ClerkSetting.ACCEPTS_TOKEN.initParam());
  }

  @Test
  void namesWhenAllSettingsThenUniqueAndConsistent() {
    Set<String> seen = new HashSet<>();
    for (ClerkSetting s : ClerkSetting.values()) {
      assertTrue(seen.add(s.initParam()), s.initParam());
      assertTrue(seen.add(s.envVar()), s.envVar());
      assertTrue(seen.add(s.systemProperty()), s.systemProperty());
      assertTrue(s.envVar().startsWith("CLERK_"), s.envVar());
      assertEquals(
          s.envVar(),
          "CLERK_" + s.initParam().replace('-', '_').toUpperCase(java.util.Locale.ROOT));
    }
  }

  @Test
  void isSecretWhenKeysThenOnlySecretKeys() {
    assertTrue(ClerkSetting.SECRET_KEY.isSecret());
    assertTrue(ClerkSetting.MACHINE_SECRET_KEY.isSecret());
    assertTrue(ClerkSetting.WEBHOOK_SIGNING_SECRET.isSecret());
    assertFalse(ClerkSetting.PUBLISHABLE_KEY.isSecret());
    assertFalse(ClerkSetting.JWT_KEY.isSecret());
  }
}
