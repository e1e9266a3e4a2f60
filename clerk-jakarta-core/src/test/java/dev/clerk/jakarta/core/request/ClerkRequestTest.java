package dev.clerk.jakarta.core.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spec §2.2: public URL reconstruction and cookie parsing ({@code clerkRequest.test.ts}). */
class ClerkRequestTest {

  private static ClerkRequest.Builder get(String url) {
    return ClerkRequest.builder().method("GET").url(URI.create(url));
  }

  @Test
  void clerkUrlWhenForwardedProtoHasSeveralValuesThenFirst() {
    ClerkRequest r =
        get("http://localhost:3000/path")
            .header("x-forwarded-proto", "https,http")
            .header("x-forwarded-host", "example.com")
            .build();
    assertEquals("https://example.com/path", r.clerkUrl().toString());
  }

  @Test
  void clerkUrlWhenForwardedHostHasSeveralValuesThenFirst() {
    ClerkRequest r =
        get("http://localhost:3000/path?x=1")
            .header("x-forwarded-host", "example.com,example-2.com")
            .header("x-forwarded-proto", "https")
            .build();
    assertEquals("https://example.com/path?x=1", r.clerkUrl().toString());
  }

  @Test
  void clerkUrlWhenOnlyForwardedHostThenRequestScheme() {
    ClerkRequest r =
        get("http://localhost:3000/path").header("x-forwarded-host", "example.com").build();
    assertEquals("http://example.com/path", r.clerkUrl().toString());
  }

  @Test
  void clerkUrlWhenForwardedHostHasPortThenPortKept() {
    ClerkRequest r =
        get("http://localhost:3000/hello?foo=bar")
            .header("x-forwarded-host", "example.com:3213")
            .header("x-forwarded-proto", "https")
            .build();
    assertEquals("https://example.com:3213/hello?foo=bar", r.clerkUrl().toString());
  }

  @Test
  void clerkUrlWhenHostHeaderOnlyThenHostOverridesUrlHost() {
    ClerkRequest r = get("http://clerk.com/path").header("host", "example.com").build();
    assertEquals("http://example.com/path", r.clerkUrl().toString());
  }

  @Test
  void clerkUrlWhenInvalidHostThenOriginalUrl() {
    ClerkRequest r =
        get("http://localhost:3000/path").header("x-forwarded-host", "<invalid>host").build();
    assertEquals("http://localhost:3000/path", r.clerkUrl().toString());
  }

  @Test
  void clerkUrlWhenScriptInjectionHostThenOriginalUrl() {
    ClerkRequest r =
        get("http://localhost:3000/path")
            .header("x-forwarded-host", "example.com\"><script>alert(1)</script>")
            .build();
    assertEquals("http://localhost:3000/path", r.clerkUrl().toString());
  }

  @Test
  void clerkUrlWhenHostWithPathOrUserInfoThenOriginalUrl() {
    assertEquals(
        "http://localhost:3000/path",
        get("http://localhost:3000/path")
            .header("x-forwarded-host", "evil.com/x")
            .build()
            .clerkUrl()
            .toString());
    assertEquals(
        "http://localhost:3000/path",
        get("http://localhost:3000/path")
            .header("x-forwarded-host", "user@evil.com")
            .build()
            .clerkUrl()
            .toString());
  }

  @Test
  void clerkUrlWhenForwardedHeadersEmptyThenOriginalUrl() {
    ClerkRequest r =
        get("http://localhost:3000/path")
            .header("x-forwarded-host", "")
            .header("x-forwarded-proto", "")
            .build();
    assertEquals("http://localhost:3000/path", r.clerkUrl().toString());
  }

  @Test
  void clerkUrlWhenDoubleSlashPathThenPreserved() {
    ClerkRequest r =
        get("http://localhost:3000//path").header("x-forwarded-host", "example.com").build();
    assertEquals("http://example.com//path", r.clerkUrl().toString());
  }

  /**
   * Fuzzing finding: header names were lower-cased with Unicode rules, so {@code Coo\u212Aie}
   * (KELVIN SIGN) became {@code cookie} and its value was read as the request's cookies. HTTP
   * header names are ASCII tokens: only A-Z fold.
   */
  @Test
  void headersWhenNameHasNonAsciiCaseFoldingThenNotAnotherHeader() {
    ClerkRequest r =
        get("http://example.com/")
            .header("Coo\u212Aie", "__session=forged")
            .header("\u212Aey", "v")
            .header("AUTHORIZATION", "Bearer x")
            .build();
    assertEquals(Map.of(), r.cookies());
    assertNull(r.header("cookie"));
    assertNull(r.header("key"));
    assertEquals("v", r.header("\u212Aey"));
    assertEquals("__session=forged", r.header("Coo\u212Aie"));
    assertEquals("Bearer x", r.header("Authorization"));
    assertEquals(
        java.util.List.of("coo\u212Aie", "\u212Aey", "authorization"),
        java.util.List.copyOf(r.headers().keySet()));
  }

  /**
   * Same class as above: {@code opt\u0131ons} (dotless i) upper-cased to {@code OPTIONS}, a
   * preflight.
   */
  @Test
  void methodWhenNonAsciiCaseFoldingThenNotAnotherMethod() {
    assertEquals(
        "OPT\u0131ONS", get("http://example.com/").method("opt\u0131ons").build().method());
    assertEquals("PO\u017fT", get("http://example.com/").method("po\u017ft").build().method());
    assertEquals("PATCH", get("http://example.com/").method("patch").build().method());
  }

  /**
   * Fuzzing finding: toString showed the decoded path, so {@code %0A} put a line break into log
   * lines.
   */
  @Test
  void toStringWhenPathOrMethodHasLineBreakThenNoneShown() {
    assertEquals(
        "ClerkRequest{GET /a%0Ab/%E2%80%A8}",
        get("https://example.com/a%0Ab/%E2%80%A8?q=%0A").build().toString());
    assertEquals(
        "ClerkRequest{GET?X? /}",
        get("https://example.com/").method("get\nx\u0085").build().toString());
  }

  @Test
  void cookiesWhenEncodedSemicolonAndEqualsThenNoForgedCookie() {
    ClerkRequest r =
        get("http://example.com/").header("cookie", "a=x%3B%20__session%3Dforged; b=2").build();
    assertEquals("x; __session=forged", r.cookie("a"));
    assertNull(r.cookie("__session"));
    assertEquals("2", r.cookie("b"));
  }

  @Test
  void cookiesWhenNameRepeatedThenFirstWins() {
    ClerkRequest r =
        get("http://example.com/").header("cookie", "__session=first; __session=second").build();
    assertEquals("first", r.cookie("__session"));
  }

  @Test
  void cookiesWhenNameRepeatedAcrossHeadersThenFirstWins() {
    ClerkRequest r =
        get("http://example.com/")
            .header("cookie", "__session=first")
            .header("cookie", "__session=second")
            .build();
    assertEquals("first", r.cookie("__session"));
  }

  @Test
  void cookiesWhenQuotedThenQuotesRemoved() {
    ClerkRequest r =
        get("http://example.com/").header("cookie", "a=\"quoted value\"; b=\"").build();
    assertEquals("quoted value", r.cookie("a"));
    assertEquals("\"", r.cookie("b"));
  }

  @Test
  void cookiesWhenInvalidPercentEncodingThenRawValue() {
    ClerkRequest r = get("http://example.com/").header("cookie", "a=100%; b=%E0%A4%A").build();
    assertEquals("100%", r.cookie("a"));
    assertEquals("%E0%A4%A", r.cookie("b"));
  }

  @Test
  void cookiesWhenPairWithoutEqualsOrSpacesThenSkippedAndTrimmed() {
    ClerkRequest r = get("http://example.com/").header("cookie", "junk;  a = 1 ;=x").build();
    assertEquals(Map.of("a", "1"), r.cookies());
  }

  @Test
  void queryParamWhenFormEncodedThenDecoded() {
    ClerkRequest r = get("http://example.com/p?q=hello+world&r=a%20b&q=second").build();
    assertEquals(Optional.of("hello world"), r.queryParam("q"));
    assertEquals(Optional.of("a b"), r.queryParam("r"));
    assertEquals(Optional.empty(), r.queryParam("missing"));
  }

  @Test
  void buildWhenBuilderChangedAfterwardsThenBuiltRequestKeepsItsHeaders() {
    ClerkRequest.Builder b =
        get("https://example.com/").header("Cookie", "a=1").header("X-Test", "1");
    ClerkRequest first = b.build();
    b.header("x-test", "2").setHeader("cookie", "a=2").removeHeader("X-TEST");
    b.header("Authorization", "Bearer t");
    ClerkRequest second = b.build();
    assertEquals(java.util.List.of("1"), first.headers("x-test"));
    assertEquals("1", first.cookie("a"));
    assertNull(first.header("authorization"));
    assertEquals(java.util.List.of(), second.headers("x-test"));
    assertEquals("2", second.cookie("a"));
    assertEquals("Bearer t", second.header("AUTHORIZATION"));
    org.junit.jupiter.api.Assertions.assertThrows(
        UnsupportedOperationException.class, () -> first.headers().clear());
    org.junit.jupiter.api.Assertions.assertThrows(
        UnsupportedOperationException.class, () -> first.headers("x-test").add("3"));
  }

  @Test
  void headerWhenRepeatedInAnyCaseThenOneHeaderWithAllValuesInOrder() {
    ClerkRequest r =
        get("https://example.com/")
            .header("Accept", "a")
            .header("ACCEPT", "b")
            .header("accept", "c")
            .header("AcCePt", "d")
            .build();
    assertEquals(java.util.List.of("a", "b", "c", "d"), r.headers("Accept"));
    assertEquals(java.util.List.of("accept"), java.util.List.copyOf(r.headers().keySet()));
  }

  @Test
  void queryParamWhenNameRepeatedThenFirstValueOfTheReceivedQuery() {
    ClerkRequest r =
        get("http://10.0.0.5/p?x=1&y&x=2&z=%41+b")
            .header("X-Forwarded-Host", "public.example")
            .build();
    assertEquals(Optional.of("1"), r.queryParam("x"));
    assertEquals(Optional.of(""), r.queryParam("y"));
    assertEquals(Optional.of("A b"), r.queryParam("z"));
    assertEquals(Optional.empty(), r.queryParam("w"));
    assertEquals("x=1&y&x=2&z=%41+b", r.clerkUrl().getRawQuery());
    assertEquals(Optional.empty(), get("http://10.0.0.5/p").build().queryParam("x"));
  }

  @Test
  void setHeaderWhenRepeatedThenOneValueWhereTheFirstWasAndOtherNamesKeepTheirOrder() {
    ClerkRequest r =
        get("https://example.com/")
            .header("A", "1")
            .header("B", "2")
            .header("a", "3")
            .header("C", "4")
            .setHeader("A", "x")
            .removeHeader("b")
            .header("B", "5")
            .build();
    assertEquals(java.util.List.of("a", "c", "b"), java.util.List.copyOf(r.headers().keySet()));
    assertEquals(java.util.List.of("x"), r.headers("a"));
    assertEquals("x", r.header("A"));
    assertEquals(java.util.List.of("5"), r.headers().get("b"));
    assertEquals(java.util.List.of(), r.headers("missing"));
    assertNull(r.header("missing"));
  }

  @Test
  void buildWhenManyHeadersAndBuilderGrowsAfterwardsThenEachRequestKeepsItsOwn() {
    ClerkRequest.Builder b = get("https://example.com/");
    for (int i = 0; i < 40; i++) {
      b.header("X-H" + i, "v" + i);
    }
    ClerkRequest first = b.build();
    for (int i = 0; i < 40; i++) {
      b.header("X-H" + i, "w" + i);
    }
    b.removeHeader("x-h0");
    ClerkRequest second = b.build();
    assertEquals(40, first.headers().size());
    assertEquals(java.util.List.of("v39"), first.headers("X-H39"));
    assertEquals(java.util.List.of("v39", "w39"), second.headers("x-h39"));
    assertEquals(java.util.List.of(), second.headers("x-h0"));
    assertEquals(java.util.List.of("v0"), first.headers("x-h0"));
  }
}
