package dev.clerk.jakarta.core.request;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CorsPreflightTest {
  @Test
  void isWhenOptionsWithOriginAndRequestMethodThenTrue() {
    assertTrue(CorsPreflight.is("OPTIONS", "https://app.example.com", "POST"));
  }

  @Test
  void isWhenOriginMissingOrBlankThenFalse() {
    assertFalse(CorsPreflight.is("OPTIONS", null, "POST"));
    assertFalse(CorsPreflight.is("OPTIONS", " ", "POST"));
  }

  @Test
  void isWhenRequestMethodMissingOrBlankThenFalse() {
    assertFalse(CorsPreflight.is("OPTIONS", "https://app.example.com", null));
    assertFalse(CorsPreflight.is("OPTIONS", "https://app.example.com", ""));
  }

  @Test
  void isWhenMethodNotExactlyOptionsThenFalse() {
    assertFalse(CorsPreflight.is("options", "https://app.example.com", "POST"));
    assertFalse(CorsPreflight.is("GET", "https://app.example.com", "POST"));
    assertFalse(CorsPreflight.is(null, "https://app.example.com", "POST"));
  }
}
