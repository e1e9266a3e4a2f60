package dev.clerk.jakarta.core.request;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Strict percent-decoding (RFC 3986) to UTF-8, the one decoder behind cookie parsing ({@link
 * ClerkRequest}) and the adapters' path normalisation (the servlet filter's {@code protect}/{@code
 * public} patterns), so that a path or cookie means the same thing everywhere. Unlike {@link
 * java.net.URLDecoder} it neither turns {@code +} into a space nor accepts an incomplete escape or
 * bytes that are not UTF-8: those are refused ({@code null}), never guessed.
 *
 * <p>Thread-safe (stateless).
 *
 * @since 0.1
 */
public final class PercentEncoding {
  private PercentEncoding() {}

  /**
   * Decodes {@code %XX} escapes; other characters stand for themselves ({@code +} is not a space).
   *
   * @param s the encoded text
   * @return the decoded text, or null when an escape is incomplete or the bytes are not UTF-8
   */
  public static @Nullable String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return null;
        }
        int hi = hex(s.charAt(i + 1));
        int lo = hex(s.charAt(i + 2));
        if (hi < 0 || lo < 0) {
          return null;
        }
        out.write(hi * 16 + lo);
        i += 3;
      } else {
        int cp = s.codePointAt(i);
        byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        i += Character.charCount(cp);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * ASCII hex only, as {@code decodeURIComponent}: {@link Character#digit} also takes e.g.
   * Arabic-Indic digits.
   */
  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
