package dev.clerk.jakarta.filter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed HTTP/1.1 response (chunked or with Content-Length or read to EOF), for raw-request
 * tests.
 */
record RawResponse(int status, List<Map.Entry<String, String>> headers, String body) {

  static RawResponse parse(byte[] raw) {
    int headerEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    if (headerEnd < 0) {
      throw new IllegalArgumentException(
          "no complete response: " + new String(raw, StandardCharsets.ISO_8859_1));
    }
    String head = new String(raw, 0, headerEnd, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.add(
          Map.entry(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()));
    }
    byte[] rest = java.util.Arrays.copyOfRange(raw, headerEnd + 4, raw.length);
    RawResponse r = new RawResponse(status, headers, "");
    byte[] body;
    if ("chunked".equalsIgnoreCase(r.header("Transfer-Encoding"))) {
      body = dechunk(rest);
    } else if (r.header("Content-Length") != null) {
      int len = Integer.parseInt(r.header("Content-Length"));
      body = java.util.Arrays.copyOf(rest, Math.min(len, rest.length));
    } else {
      body = rest;
    }
    return new RawResponse(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pos = 0;
    while (pos < in.length) {
      int eol = indexOf(in, "\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
      String sizeLine = new String(in, pos, eol - pos, StandardCharsets.ISO_8859_1);
      int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.write(in, eol + 2, size);
      pos = eol + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] a, byte[] b) {
    return indexOf(a, b, 0);
  }

  private static int indexOf(byte[] a, byte[] b, int from) {
    outer:
    for (int i = from; i <= a.length - b.length; i++) {
      for (int j = 0; j < b.length; j++) {
        if (a[i + j] != b[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** {@return the first value of a header, or null} */
  String header(String name) {
    return headers.stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  /** {@return every value of a header, in order} */
  List<String> headers(String name) {
    return headers.stream()
        .filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
        .map(Map.Entry::getValue)
        .toList();
  }
}
