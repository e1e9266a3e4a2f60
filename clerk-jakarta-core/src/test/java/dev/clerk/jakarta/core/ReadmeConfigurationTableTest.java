package dev.clerk.jakarta.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's configuration table true to {@link ClerkSetting} and the defaults of {@link
 * ClerkOptions}.
 */
class ReadmeConfigurationTableTest {
  private static final Pattern ROW =
      Pattern.compile(
          "^\\|[^|]*\\| `([a-z-]+)` \\| `(CLERK_[A-Z_]+)` \\| `(clerk\\.[A-Za-z]+)` \\| (.*) \\|$");

  private static Map<String, List<String>> readmeRows() throws IOException {
    Path readme = Path.of("..", "README.md");
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        rows.put(m.group(1), List.of(m.group(2), m.group(3), m.group(4)));
      }
    }
    return rows;
  }

  @Test
  void readmeWhenReadThenListsEverySettingWithItsThreeNames() throws IOException {
    Map<String, List<String>> rows = readmeRows();
    for (ClerkSetting s : ClerkSetting.values()) {
      List<String> row = rows.get(s.initParam());
      assertTrue(row != null, "README.md has no configuration row for " + s.initParam());
      assertEquals(s.envVar(), row.get(0), s.initParam());
      assertEquals(s.systemProperty(), row.get(1), s.initParam());
    }
    assertEquals(
        ClerkSetting.values().length,
        rows.size(),
        "README.md lists settings the code does not have");
  }

  @Test
  void readmeWhenReadThenDefaultsMatchTheCode() throws IOException {
    Map<String, List<String>> rows = readmeRows();
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("clock-skew-ms", millis(ClerkOptions.DEFAULT_CLOCK_SKEW));
    expected.put("api-url", "`" + ClerkOptions.DEFAULT_API_URL + "`");
    expected.put("api-version", "`" + ClerkOptions.DEFAULT_API_VERSION + "`");
    expected.put("jwks-cache-ttl-ms", millis(ClerkOptions.DEFAULT_JWKS_CACHE_TTL));
    expected.put(
        "jwks-min-refresh-interval-ms", millis(ClerkOptions.DEFAULT_JWKS_MIN_REFRESH_INTERVAL));
    expected.put("jwks-max-staleness-ms", millis(ClerkOptions.DEFAULT_JWKS_MAX_STALENESS));
    expected.put("token-cache-size", "`" + ClerkOptions.DEFAULT_TOKEN_CACHE_SIZE + "`");
    expected.put("http-connect-timeout-ms", millis(ClerkOptions.DEFAULT_CONNECT_TIMEOUT));
    expected.put("http-timeout-ms", millis(ClerkOptions.DEFAULT_REQUEST_TIMEOUT));
    expected.put("accepts-token", "`session_token`");
    expected.put("handshake-mode", "`redirect`");
    expected.put("is-satellite", "`false`");
    expected.put("satellite-auto-sync", "`false`");
    ClerkOptions defaults =
        ClerkOptions.builder()
            .secretKey("sk_test_x")
            .publishableKey("pk_test_Y2xlcmsuZXhhbXBsZS5jb20k")
            .build();
    expected.put(
        "forwarded-headers",
        "`" + defaults.forwardedHeaders().name().toLowerCase(java.util.Locale.ROOT) + "`");
    expected.forEach((name, value) -> assertEquals(value, rows.get(name).get(2), name));
  }

  private static String millis(Duration d) {
    return "`" + d.toMillis() + "`";
  }
}
