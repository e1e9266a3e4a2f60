package dev.clerk.jakarta.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Fuzzes {@link PublishableKey#parse} with the whole input as the key (UTF-8). In {@code mvn
 * verify} it replays the committed inputs under {@code
 * PublishableKeyFuzzTestInputs/parseWhenAnyKeyThenClerksErrorsOnly/}; see the README's "Fuzzing"
 * section to fuzz it.
 *
 * <p>Properties: the only failure is an {@link IllegalArgumentException} with one of Clerk's four
 * messages; {@link PublishableKey#isPublishableKey} never throws and agrees with {@code parse}; a
 * parsed key has a Frontend API host with a dot and no {@code $}, the instance type of its prefix,
 * an 8-character cookie suffix, and {@link PublishableKey#of} rebuilds a key of the same host.
 */
class PublishableKeyFuzzTest {
  private static final Set<String> MESSAGES =
      Set.of(
          "Publishable key is missing." + PublishableKey.HELP,
          "Publishable key not valid (expected format: pk_test_... or pk_live_...)."
              + PublishableKey.HELP,
          "Publishable key not valid: Failed to decode key." + PublishableKey.HELP,
          "Publishable key not valid: Decoded key has invalid format." + PublishableKey.HELP);

  @FuzzTest
  void parseWhenAnyKeyThenClerksErrorsOnly(byte[] input) {
    String key = new String(input, StandardCharsets.UTF_8);
    boolean valid = PublishableKey.isPublishableKey(key);
    PublishableKey parsed;
    try {
      parsed = PublishableKey.parse(key);
    } catch (IllegalArgumentException e) {
      assertTrue(
          MESSAGES.contains(e.getMessage()), () -> "undocumented message: " + e.getMessage());
      assertFalse(valid, "isPublishableKey accepted what parse refused");
      return;
    }
    assertTrue(valid, "isPublishableKey refused what parse accepted");
    assertEquals(key, parsed.value());
    String host = parsed.frontendApi();
    assertTrue(host.contains("."), host);
    assertFalse(host.contains("$"), host);
    assertEquals(
        key.startsWith("pk_live_") ? InstanceType.PRODUCTION : InstanceType.DEVELOPMENT,
        parsed.instanceType());
    assertEquals(8, parsed.cookieSuffix().length());
    PublishableKey rebuilt = PublishableKey.of(parsed.instanceType(), host);
    assertEquals(host, rebuilt.frontendApi());
    assertEquals(parsed.instanceType(), rebuilt.instanceType());
  }
}
