package dev.clerk.jakarta.examples.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes the example's small answers. Stateless. */
final class Text {
  private Text() {}

  /** Sends {@code body} with {@code status} and {@code contentType} (UTF-8), not to be cached. */
  static void send(HttpServletResponse resp, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    resp.setStatus(status);
    resp.setHeader("Cache-Control", "no-store");
    resp.setContentType(contentType + ";charset=UTF-8");
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }

  /** {@return {@code s} as a JSON string} */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
