package dev.clerk.jakarta.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RedirectUrlsTest {
  private static final String BAD =
      "allowed redirect origin must be an origin scheme://host[:port] with scheme http or https and no path,"
          + " query, fragment or user info, got ";

  // ---- ascii ------------------------------------------------------------------------------------

  @Test
  void asciiWhenPathQueryFragmentNonAsciiThenPercentEncodedUtf8() {
    assertEquals(
        "https://example.com/%C3%BCber?q=%E2%82%AC&x=%F0%9F%98%80#%C3%A9",
        RedirectUrls.ascii("https://example.com/über?q=€&x=😀#é"));
  }

  @Test
  void asciiWhenAlreadyAsciiThenUnchanged() {
    String url = "https://example.com:8443/a%20b?x=%C3%BC&y=1#top";
    assertEquals(url, RedirectUrls.ascii(url));
  }

  @Test
  void asciiWhenHostInternationalisedThenPunycode() {
    assertEquals(
        "https://xn--bcher-kva.example:8443/%C3%A4",
        RedirectUrls.ascii("https://Bücher.example:8443/ä"));
  }

  @Test
  void asciiWhenRelativeThenEncodedToo() {
    assertEquals("/anmelden/%C3%A4?von=%C3%BC", RedirectUrls.ascii("/anmelden/ä?von=ü"));
  }

  @Test
  void asciiWhenNotAUriThenEveryNonPrintableCharacterEncoded() {
    assertEquals(
        "https://example.com/a%20b%0D%0A%C3%BC|",
        RedirectUrls.ascii("https://example.com/a b\r\nü|"));
  }

  // ---- origin of a target
  // ------------------------------------------------------------------------

  @Test
  void originWhenSpellingsOfOneOriginThenEqual() {
    assertEquals("https://good.example", RedirectUrls.origin("HTTPS://GOOD.Example:443/x?y#z"));
    assertEquals("https://good.example", RedirectUrls.origin("https://good.example:/x"));
    assertEquals("http://good.example", RedirectUrls.origin("http://good.example:80"));
    assertEquals("https://good.example:8443", RedirectUrls.origin("https://good.example:8443/"));
    assertEquals("https://[::1]:8443", RedirectUrls.origin("https://[::1]:8443/x"));
    assertEquals(
        "https://xn--bcher-kva.example", RedirectUrls.origin("https://xn--bcher-kva.example/"));
  }

  @Test
  void originWhenDestinationUnclearOrNotHttpThenNull() {
    for (String url :
        new String[] {
          "https://good.example@evil.example/c",
          "https://good.example:pw@good.example/c",
          "//evil.example/c",
          "/relative",
          "relative",
          "https://good.example\\@evil.example",
          "https:\\\\evil.example",
          "https:evil.example",
          "https:/evil.example",
          "https:///evil.example",
          "https://evil%2Eexample/",
          "https://bücher.example/",
          "javascript:alert(1)",
          "data:text/html,hi",
          "ftp://good.example/",
          "https://good.example:99999/",
          "https://good.example:0/",
          " https://good.example/",
          "https://good\t.example/",
          "",
        }) {
      assertNull(RedirectUrls.origin(url), url);
    }
  }

  @Test
  void originOfUriWhenDefaultPortThenLeftOut() {
    assertEquals("https://a.example", RedirectUrls.origin(URI.create("https://A.example:443/p")));
    assertEquals(
        "http://a.example:8080", RedirectUrls.origin(URI.create("HTTP://a.example:8080/p")));
  }

  // ---- configured origins -----------------------------------------------------------------------

  @Test
  void configuredOriginWhenValidThenNormalised() {
    assertEquals(
        "https://satellite.example",
        RedirectUrls.configuredOrigin(
            " HTTPS://Satellite.Example:443/ ", "allowed redirect origin"));
    assertEquals(
        "http://localhost:3001",
        RedirectUrls.configuredOrigin("http://localhost:3001", "allowed redirect origin"));
    assertEquals(
        "https://xn--bcher-kva.example",
        RedirectUrls.configuredOrigin("https://bücher.example", "allowed redirect origin"));
    assertEquals(
        "https://[::1]:8443",
        RedirectUrls.configuredOrigin("https://[::1]:8443", "allowed redirect origin"));
  }

  @Test
  void configuredOriginWhenNotAnOriginThenMessageNamesSettingAndValue() {
    for (String value :
        new String[] {
          "satellite.example",
          "//satellite.example",
          "ftp://satellite.example",
          "javascript://satellite.example",
          "https://satellite.example/path",
          "https://satellite.example?q",
          "https://satellite.example#f",
          "https://user@satellite.example",
          "https://satellite.example\\",
          "https://satellite%2Eexample",
          "https://sat ellite.example",
          "https://satellite.example:99999",
          "https://satellite.example:x",
          "https://",
          "https://-bad-.example",
        }) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> RedirectUrls.configuredOrigin(value, "allowed redirect origin"));
      assertEquals(BAD + "\"" + value.trim() + "\"", e.getMessage());
    }
  }
}
