package dev.clerk.jakarta.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QueryStringTest {
  @Test
  void toStringWhenSpecialCharactersThenPercentEncodedWithRepeats() {
    QueryString q =
        new QueryString()
            .add("email_address", "a+b@x.com")
            .add("email_address", "c d")
            .add("q", "ü&=");

    assertEquals("email_address=a%2Bb%40x.com&email_address=c%20d&q=%C3%BC%26%3D", q.toString());
  }

  @Test
  void toStringWhenEmptyThenEmpty() {
    assertTrue(new QueryString().isEmpty());
    assertEquals("", new QueryString().toString());
  }
}
