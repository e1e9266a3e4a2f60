package dev.clerk.jakarta.examples.servlet;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Small helpers for the example's hand-written HTML and JSON. */
final class Html {
  private Html() {}

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  static void send(HttpServletResponse resp, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    resp.setContentType(contentType);
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }
}
