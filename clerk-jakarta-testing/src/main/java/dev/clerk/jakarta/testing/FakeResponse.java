package dev.clerk.jakarta.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A response FakeClerk sends.
 *
 * @param status HTTP status
 * @param headers headers, in order (names may repeat)
 * @param body the body
 * @since 0.1
 */
@SuppressWarnings("ArrayRecordComponent") // an answer to send as-is, never compared
public record FakeResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {
  /**
   * Copies.
   *
   * @param status status
   * @param headers headers
   * @param body body
   */
  public FakeResponse {
    headers = List.copyOf(headers);
    Objects.requireNonNull(body, "body == null");
  }

  /**
   * {@return a JSON response}
   *
   * @param status status
   * @param json the JSON text
   */
  public static FakeResponse json(int status, String json) {
    return new FakeResponse(
        status,
        List.of(Map.entry("Content-Type", "application/json")),
        json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * {@return a JSON response of a map or list (serialised with jose4j's writer)}
   *
   * @param status status
   * @param value maps, lists, strings, numbers, booleans, null
   */
  public static FakeResponse json(int status, Object value) {
    return json(status, Json.write(value));
  }

  /**
   * {@return a plain-text response}
   *
   * @param status status
   * @param text the body
   */
  public static FakeResponse text(int status, String text) {
    return new FakeResponse(
        status,
        List.of(Map.entry("Content-Type", "text/plain; charset=utf-8")),
        text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * {@return Clerk's error body: {@code {"errors":[{"code","message","long_message"}],
   * "clerk_trace_id"}}}
   *
   * @param status status
   * @param code Clerk error code, e.g. {@code clerk_key_invalid}
   * @param message short message
   */
  public static FakeResponse clerkError(int status, String code, String message) {
    return json(
        status,
        Map.of(
            "errors",
            List.of(
                Map.of(
                    "code", code, "message", message, "long_message", message, "meta", Map.of())),
            "clerk_trace_id",
            "trace_fake_" + Integer.toHexString(code.hashCode())));
  }

  /**
   * {@return a copy with one more header}
   *
   * @param name header name
   * @param value header value
   */
  public FakeResponse withHeader(String name, String value) {
    List<Map.Entry<String, String>> h = new ArrayList<>(headers);
    h.add(Map.entry(name, value));
    return new FakeResponse(status, h, body);
  }
}
