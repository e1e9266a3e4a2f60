package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServletRequestsTest {
  @Test
  void escapeWhenValidUriCharactersThenUnchanged() {
    assertEquals("/a/b;c=d?x=1&y=%20", ServletRequests.escape("/a/b;c=d?x=1&y=%20"));
  }

  @Test
  void escapeWhenCharactersUriRefusesThenPercentEncoded() {
    assertEquals("/a%7Cb%20c", ServletRequests.escape("/a|b c"));
    assertEquals("x=%25zz&y=%25", ServletRequests.escape("x=%zz&y=%"));
    assertEquals("/caf%C3%A9/%F0%9F%98%80", ServletRequests.escape("/caf\u00e9/\uD83D\uDE00"));
  }
}
