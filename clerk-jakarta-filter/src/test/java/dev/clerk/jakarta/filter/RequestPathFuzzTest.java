package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the request-path normaliser ({@link RequestPath#normalise}) that protection rules are
 * matched on. In {@code mvn verify} it replays the committed inputs under {@code
 * RequestPathFuzzTestInputs/normaliseWhenAnyPathThenIdempotentAndUnambiguous/}; see the README's
 * "Fuzzing" section to fuzz it.
 *
 * <p>Properties, for any raw path: no exception; a normalised path starts with {@code /}, has no
 * empty, {@code .} or {@code ..} segment, no {@code ;}, {@code \}, {@code %} or control character,
 * and normalising it again changes nothing (so no rule can be matched against a path that still
 * means something else to the container).
 */
class RequestPathFuzzTest {
  /** The whole input (UTF-8) is the raw request URI path. */
  @FuzzTest
  void normaliseWhenAnyPathThenIdempotentAndUnambiguous(byte[] input) {
    String raw = new String(input, StandardCharsets.UTF_8);
    String normalised = RequestPath.normalise(raw);
    if (normalised == null) {
      return;
    }
    assertTrue(normalised.startsWith("/"), normalised);
    for (String bad : new String[] {"//", "/./", "/../", ";", "\\", "%"}) {
      assertFalse(normalised.contains(bad), () -> "contains " + bad + ": " + normalised);
    }
    assertFalse(normalised.endsWith("/.") || normalised.endsWith("/.."), normalised);
    for (int i = 0; i < normalised.length(); i++) {
      char c = normalised.charAt(i);
      assertFalse(
          Character.isISOControl(c), () -> "control character " + (int) c + " in " + normalised);
    }
    assertEquals(normalised, RequestPath.normalise(normalised), "not idempotent");
  }
}
