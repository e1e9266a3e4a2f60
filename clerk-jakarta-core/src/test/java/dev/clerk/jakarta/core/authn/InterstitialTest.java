package dev.clerk.jakarta.core.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The opt-in interstitial page: clerk-js URL, attributes, and escaping of every value. */
class InterstitialTest {

  @Test
  void clerkJsUrlWhenFrontendApiHostThenHttpsNpmPath() {
    assertEquals(
        "https://clerk.example.com/npm/@clerk/clerk-js@5/dist/clerk.browser.js",
        Interstitial.clerkJsUrl("clerk.example.com"));
  }

  @Test
  void clerkJsUrlWhenProxyUrlThenProxyBase() {
    assertEquals(
        "https://example.com/__clerk/npm/@clerk/clerk-js@5/dist/clerk.browser.js",
        Interstitial.clerkJsUrl("https://example.com/__clerk/"));
  }

  @Test
  void pageWhenPlainValuesThenLoadsClerkJsWithKeyAndReloads() {
    String page = Interstitial.page("pk_test_abc", "clerk.example.com", null, null, false, null);
    assertTrue(page.contains("var publishableKey = \"pk_test_abc\";"), page);
    assertTrue(
        page.contains(
            "var clerkJsUrl = \"https:\\u002f\\u002fclerk.example.com\\u002fnpm\\u002f@clerk\\u002fclerk-js@5\\u002fdist\\u002fclerk.browser.js\";"),
        page);
    assertTrue(page.contains("script.setAttribute('data-clerk-publishable-key', publishableKey);"));
    assertTrue(page.contains("var proxyUrl = null;"));
    assertTrue(page.contains("window.Clerk.load(options)"));
    assertTrue(page.contains("window.location.reload();"));
  }

  @Test
  void pageWhenHostileValuesThenEveryValueEscaped() {
    String evil = "</script><script>alert('x')</script>\"\\\u2028&";
    String page = Interstitial.page(evil, evil, evil, evil, true, evil);
    assertFalse(page.contains("alert('x')"), page);
    assertEquals(1, count(page, "</script>"), page);
    assertEquals(1, count(page, "<script>"), page);
    assertFalse(page.contains("\u2028"));
    assertTrue(
        page.contains(
            "var domain = \"\\u003c\\u002fscript\\u003e\\u003cscript\\u003ealert(\\u0027x\\u0027)\\u003c\\u002fscript\\u003e\\u0022\\u005c\\u2028\\u0026\";"),
        page);
  }

  @Test
  void jsWhenControlAndNonAsciiThenUnicodeEscapes() {
    assertEquals("\"a\\u000a\\u00e9\"", Interstitial.js("a\n\u00e9"));
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
