package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestPathTest {
  @Test
  void normaliseWhenPlainPathThenUnchanged() {
    assertEquals("/", RequestPath.normalise(""));
    assertEquals("/", RequestPath.normalise("/"));
    assertEquals("/api/me", RequestPath.normalise("/api/me"));
    assertEquals("/api/", RequestPath.normalise("/api/"));
  }

  @Test
  void normaliseWhenDotSegmentsAndEmptySegmentsThenResolved() {
    assertEquals("/api/me", RequestPath.normalise("/public/../api/me"));
    assertEquals("/api/me", RequestPath.normalise("//api//me"));
    assertEquals("/api/me", RequestPath.normalise("/api/./me"));
    assertEquals("/api/", RequestPath.normalise("/api/me/.."));
    assertEquals("/", RequestPath.normalise("//"));
  }

  @Test
  void normaliseWhenPathParametersThenRemovedBeforeDotSegments() {
    assertEquals("/api/me", RequestPath.normalise("/public/..;/api/me"));
    assertEquals("/api/me", RequestPath.normalise("/api;jsessionid=1/me"));
    assertEquals("/admin/", RequestPath.normalise("/admin;x=y/"));
    assertEquals("/api/me", RequestPath.normalise("/api/me;x"));
  }

  @Test
  void normaliseWhenEscapesThenDecodedOrRefused() {
    assertEquals("/a b/c", RequestPath.normalise("/a%20b/c"));
    assertEquals("/file.json", RequestPath.normalise("/file%2ejson"));
    assertEquals("/caf\u00e9", RequestPath.normalise("/caf%C3%A9"));
    assertNull(RequestPath.normalise("/api%2fme"));
    assertNull(RequestPath.normalise("/api%2Fme"));
    assertNull(RequestPath.normalise("/api%5cme"));
    assertNull(RequestPath.normalise("/x/%2e%2e/api"));
    assertNull(RequestPath.normalise("/x/%2e/api"));
    assertNull(RequestPath.normalise("/x/.%2e/api"));
    assertNull(RequestPath.normalise("/a%zz"));
    assertNull(RequestPath.normalise("/a%c3"));
    assertNull(RequestPath.normalise("/a%00b"));
    assertNull(RequestPath.normalise("/a\\b"));
  }

  /**
   * Fuzzing findings: an escape that decodes to a character with a meaning in a raw path ({@code ;}
   * or {@code %}) left a normalised path that means something else when read again (not
   * idempotent), and escaped C1 control characters passed.
   */
  @Test
  void normaliseWhenEscapeDecodesToPathSyntaxOrControlThenRefused() {
    assertNull(RequestPath.normalise("/admin%3Bx/secret"));
    assertNull(RequestPath.normalise("/admin%3bx"));
    assertNull(RequestPath.normalise("/a%2541"));
    assertNull(RequestPath.normalise("/a%25"));
    assertNull(RequestPath.normalise("/a%C2%85b"));
    assertNull(RequestPath.normalise("/a%C2%9Fb"));
    assertNull(RequestPath.normalise("/a\u0085b"));
    assertEquals("/a\u00a0b", RequestPath.normalise("/a%C2%A0b"));
  }

  @Test
  void normaliseWhenClimbingAboveRootThenRefused() {
    assertNull(RequestPath.normalise("/.."));
    assertNull(RequestPath.normalise("/a/../../b"));
    assertNull(RequestPath.normalise("relative"));
  }

  @Test
  void normaliseWhenTrailingDotOrEmptyParameterSegmentThenTrailingSlash() {
    assertEquals("/api/me/", RequestPath.normalise("/api/me/."));
    assertEquals("/api/me/", RequestPath.normalise("/api/me/;x"));
    assertEquals("/api/me/", RequestPath.normalise("/api/me;x/"));
    assertEquals("/api/me/", RequestPath.normalise("/api//me//"));
  }

  @Test
  void normaliseWhenEscapedParameterSeparatorOrPercentThenRefused() {
    // Containers decode %3B into a ';' that is no longer a parameter separator, and %25 invites a
    // second decoding: two spellings of one path, so both are refused (as Jetty does for %25).
    assertNull(RequestPath.normalise("/api/me%3Bx"));
    assertNull(RequestPath.normalise("/api/me%3b"));
    assertNull(RequestPath.normalise("/api/m%2565"));
  }

  /** The allocation-free shortcut answers exactly what the segment-by-segment normaliser does. */
  @Test
  void normaliseWhenPathIsAlreadyNormalThenTheSameStringAsSegmentBySegment() {
    String[] cases = {
      "/",
      "/a",
      "/a/",
      "/a/b",
      "/a/b/",
      "//",
      "/a//b",
      "/a/.",
      "/a/..",
      "/./a",
      "/../a",
      "/a/.b",
      "/a/..b",
      "/a/b.",
      "/...",
      "/a;b",
      "/a%2e",
      "/a\\b",
      "/a\u0085b",
      "/a\u007fb",
      "/a\tb",
      "/é/ü",
      "/a/./",
      "/a/../"
    };
    for (String path : cases) {
      String expected = RequestPath.normaliseSegments(path);
      assertEquals(expected, RequestPath.normalise(path), path);
      if (RequestPath.isNormal(path)) {
        assertTrue(path == RequestPath.normalise(path), path + ": no copy");
        assertEquals(path, expected, path);
      }
    }
  }

  @Test
  void normaliseWhenRandomPathsThenAsSegmentBySegment() {
    java.util.Random random = new java.util.Random(11);
    String alphabet = "ab/./;%2e\\\u0085\t";
    for (int n = 0; n < 50_000; n++) {
      StringBuilder sb = new StringBuilder("/");
      for (int i = random.nextInt(10); i > 0; i--) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String path = sb.toString();
      assertEquals(RequestPath.normaliseSegments(path), RequestPath.normalise(path), path);
    }
  }
}
