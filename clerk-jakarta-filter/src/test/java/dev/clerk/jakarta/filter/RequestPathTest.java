package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
   * or {@code %}) left a normalised path that means something else when read again (not idempotent),
   * and escaped C1 control characters passed.
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
}
