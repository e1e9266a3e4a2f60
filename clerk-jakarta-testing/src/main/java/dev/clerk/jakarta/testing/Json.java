package dev.clerk.jakarta.testing;

import java.util.Map;
import org.jose4j.json.internal.json_simple.JSONValue;
import org.jose4j.lang.JoseException;

/** JSON through jose4j's bundled parser, so that FakeClerk needs no other dependency. */
final class Json {
  private Json() {}

  static Map<String, Object> parseObject(String json) {
    try {
      return org.jose4j.json.JsonUtil.parseJson(json);
    } catch (JoseException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
    }
  }

  static String write(Object value) {
    return JSONValue.toJSONString(value);
  }
}
