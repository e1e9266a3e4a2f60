package dev.clerk.jakarta.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublishableKeyTest {
  private static final String HELP =
      "\n\nSet CLERK_PUBLISHABLE_KEY (init-param publishable-key), or copy keys from https://dashboard.clerk.com/~/api-keys.";

  private static String pk(String prefix, String decoded) {
    return prefix
        + Base64.getEncoder()
            .withoutPadding()
            .encodeToString(decoded.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void parseWhenDevelopmentKeyThenFrontendApiAndType() {
    PublishableKey k = PublishableKey.parse("pk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA");
    assertEquals("clerk.inspired.puma-74.lcl.dev", k.frontendApi());
    assertEquals(InstanceType.DEVELOPMENT, k.instanceType());
    assertEquals("pk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA", k.value());
  }

  @Test
  void parseWhenAccountsDevKeyThenFrontendApi() {
    assertEquals(
        "foo-bar-13.clerk.accounts.dev",
        PublishableKey.parse("pk_test_Zm9vLWJhci0xMy5jbGVyay5hY2NvdW50cy5kZXYk").frontendApi());
  }

  @Test
  void parseWhenLiveKeyThenProduction() {
    PublishableKey k = PublishableKey.parse("pk_live_Y2xlcmsuY2xlcmsuZGV2JA");
    assertEquals(InstanceType.PRODUCTION, k.instanceType());
    assertEquals("clerk.clerk.dev", k.frontendApi());
  }

  @Test
  void parseWhenPaddedBase64ThenAccepted() {
    assertEquals(
        "clerk.clerk.dev", PublishableKey.parse("pk_live_Y2xlcmsuY2xlcmsuZGV2JA==").frontendApi());
  }

  @ParameterizedTest
  @CsvSource({
    "pk_live_Y2xlcmsuY2xlcmsuZGV2JA, 1Z8AzTQD",
    "pk_test_Y2xlcmsuY2xlcmsuZGV2JA, QvfNY2dr",
    "pk_live_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA, MqCvchyS",
    "pk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA, vWCgMp3A"
  })
  void cookieSuffixWhenClerksExamplesThenSameSuffix(String key, String suffix) {
    assertEquals(suffix, PublishableKey.parse(key).cookieSuffix());
  }

  @Test
  void parseWhenMissingThenClerksMissingMessage() {
    assertEquals(
        "Publishable key is missing." + HELP,
        assertThrows(IllegalArgumentException.class, () -> PublishableKey.parse(null))
            .getMessage());
    assertEquals(
        "Publishable key is missing." + HELP,
        assertThrows(IllegalArgumentException.class, () -> PublishableKey.parse("")).getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sk_test_Y2xlcmsuY2xlcmsuZGV2JA",
        "pk_prod_Y2xlcmsuY2xlcmsuZGV2JA",
        "pk_test_",
        "pk_test_Y2xlcmsuY2xlcmsuZGV2JA_extra",
        "pk_test_!!!notbase64",
        "pk_test_Y2xlcmsuY2xlcmsuZGV2",
      })
  void parseWhenMalformedThenClerksInvalidMessage(String key) {
    assertEquals(
        "Publishable key not valid (expected format: pk_test_... or pk_live_...)." + HELP,
        assertThrows(IllegalArgumentException.class, () -> PublishableKey.parse(key)).getMessage());
    assertFalse(PublishableKey.isPublishableKey(key));
  }

  @Test
  void isPublishableKeyWhenDecodedFormatWrongThenFalse() {
    assertFalse(PublishableKey.isPublishableKey(pk("pk_test_", "nodot$")));
    assertFalse(PublishableKey.isPublishableKey(pk("pk_test_", "clerk.example.com$$")));
    assertFalse(PublishableKey.isPublishableKey(pk("pk_test_", "clerk.exa$mple.com$")));
    assertFalse(PublishableKey.isPublishableKey(pk("pk_test_", "clerk.example.com")));
    assertTrue(PublishableKey.isPublishableKey(pk("pk_test_", "clerk.example.com$")));
    assertFalse(PublishableKey.isPublishableKey(null));
  }

  @Test
  void ofWhenHostGivenThenRoundTrips() {
    PublishableKey k = PublishableKey.of(InstanceType.PRODUCTION, "clerk.example.com");
    assertEquals("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k", k.value());
    assertEquals("clerk.example.com", k.frontendApi());
    assertEquals(k, PublishableKey.parse("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k"));
    assertEquals(k.value(), k.toString());
  }
}
