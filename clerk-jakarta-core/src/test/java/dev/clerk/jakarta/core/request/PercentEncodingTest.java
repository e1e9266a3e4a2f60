package dev.clerk.jakarta.core.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PercentEncodingTest {
  @Test
  void decodeWhenNoEscapesThenSameString() {
    String s = "a+b c";
    assertEquals(s, PercentEncoding.decode(s));
  }

  @Test
  void decodeWhenUtf8EscapesThenDecoded() {
    assertEquals("hello world/é", PercentEncoding.decode("hello%20world%2F%C3%A9"));
  }

  @Test
  void decodeWhenSupplementaryCharacterBesideEscapeThenKeptWhole() {
    assertEquals("\uD83D\uDE00 x", PercentEncoding.decode("\uD83D\uDE00%20x"));
  }

  @Test
  void decodeWhenEscapeIncompleteOrNotHexThenNull() {
    assertNull(PercentEncoding.decode("abc%2"));
    assertNull(PercentEncoding.decode("abc%zz"));
  }

  @Test
  void decodeWhenEscapeUsesNonAsciiDigitsThenNull() {
    assertNull(PercentEncoding.decode("%\u0664\u0661")); // Arabic-Indic 4 and 1, not "A"
    assertNull(PercentEncoding.decode("%\uFF14\uFF11")); // fullwidth 4 and 1
    assertEquals("A:", PercentEncoding.decode("%41%3a"));
  }

  @Test
  void decodeWhenBytesAreNotUtf8ThenNull() {
    assertNull(PercentEncoding.decode("%C3%28"));
  }
}
