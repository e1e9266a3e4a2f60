package dev.clerk.jakarta.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request FakeClerk received.
 *
 * @param method HTTP method
 * @param path raw path, e.g. {@code /v1/jwks}
 * @param rawQuery raw query without {@code ?}, or null
 * @param headers headers by lower-case name
 * @param body the body as UTF-8 text (empty when none)
 * @since 0.1
 */
public record RecordedRequest(
    String method,
    String path,
    @Nullable String rawQuery,
    Map<String, List<String>> headers,
    String body) {

  /**
   * {@return the first value of a header, or null}
   *
   * @param name any case
   */
  public @Nullable String header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** {@return the decoded query parameters (first value of each), in order} */
  public Map<String, String> queryParams() {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue; // "a=1&" or "a=1&&b=2": no parameter between the separators
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(k, v);
    }
    return out;
  }

  /**
   * {@return a decoded query parameter, or null}
   *
   * @param name parameter name
   */
  public @Nullable String queryParam(String name) {
    return queryParams().get(name);
  }

  /** {@return the body parsed as a JSON object (jose4j's parser), or an empty map when none} */
  public Map<String, Object> jsonBody() {
    return body.isEmpty() ? Map.of() : Json.parseObject(body);
  }
}
