package dev.clerk.jakarta.core.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.FuzzKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fuzzes the cookie parser and {@link ClerkRequest} building, and feeds the built request to {@link
 * Clerk#authenticateRequest} (networkless: PEM key of {@link FuzzKey}, so no JWKS fetch, and no
 * secret key, so a Backend API call such as a handshake-nonce lookup fails before it connects;
 * clock frozen at {@link FuzzKey#NOW}). In {@code mvn verify} it replays the committed inputs under
 * {@code ClerkRequestFuzzTestInputs/}; see the README's "Fuzzing" section to fuzz one method.
 *
 * <p>Properties: cookie names are never empty, never padded and never hold {@code ;} or {@code =};
 * a value holds {@code ;} only where the client sent {@code %3B}; the builder fails only with the
 * documented {@link IllegalArgumentException} for a URL that is not absolute; forwarded headers can
 * change the public URL's origin only, never its path, query or user info; {@code
 * authenticateRequest} never throws, and signs a request in only with a session token the key
 * signed.
 */
class ClerkRequestFuzzTest {
  private static final Clerk CLERK =
      Clerk.builder()
          .publishableKey(FuzzKey.PUBLISHABLE_KEY)
          .jwtKey(FuzzKey.publicKeyPem())
          .authorizedParties(FuzzKey.AZP)
          .configure(o -> o.clock(Clock.fixed(FuzzKey.NOW, ZoneOffset.UTC)))
          .build();

  /** Each line (UTF-8) is one {@code Cookie} header. */
  @FuzzTest
  void parseCookiesWhenAnyHeaderThenNoSeparatorInNames(byte[] input) {
    List<String> headers = List.of(new String(input, StandardCharsets.UTF_8).split("\n", -1));
    Map<String, String> cookies = ClerkRequest.parseCookies(headers);
    assertCookies(headers, cookies);
  }

  /**
   * Line 1 is {@code METHOD URL}, each further line a header {@code name: value} (a line without a
   * colon is a header name with an empty value). The request is built, read through every accessor
   * and authenticated. Header names fold case in ASCII only, so no other name can alias {@code
   * cookie} or {@code authorization}.
   */
  @FuzzTest
  void buildWhenAnyRequestThenNoThrowAndNoForgedSignIn(byte[] input) {
    String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", -1);
    int sp = lines[0].indexOf(' ');
    String method = sp < 0 ? lines[0] : lines[0].substring(0, sp);
    String url = sp < 0 ? "https://example.com/" : lines[0].substring(sp + 1);
    ClerkRequest.Builder b = ClerkRequest.builder().method(method);
    try {
      b.url(url);
    } catch (IllegalArgumentException e) {
      // Documented: not a valid absolute URL. The adapters always pass the container's own URL.
      return;
    }
    Map<String, List<String>> sent = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String name = colon < 0 ? lines[i] : lines[i].substring(0, colon);
      String value = colon < 0 ? "" : lines[i].substring(colon + 1).strip();
      b.header(name, value);
      sent.computeIfAbsent(ascii(name, 'A', 'Z', 'a' - 'A'), k -> new ArrayList<>()).add(value);
    }
    ClerkRequest request = b.build();

    assertEquals(ascii(method, 'a', 'z', 'A' - 'a'), request.method());
    assertEquals(URI.create(url), request.url());
    assertEquals(sent, request.headers());
    sent.forEach(
        (name, values) ->
            assertEquals(values.get(0), request.header(ascii(name, 'a', 'z', 'A' - 'a'))));
    assertCookies(request.headers("cookie"), request.cookies());
    assertPublicUrl(request.url(), request.clerkUrl());
    for (String name :
        List.of("__clerk_handshake", "__clerk_handshake_nonce", "__clerk_db_jwt", "", "a b")) {
      assertNotNull(request.queryParam(name));
    }
    assertFalse(request.toString().contains("\n"));

    RequestState state = CLERK.authenticateRequest(request);
    assertNotNull(state.status());
    if (state.isSignedIn()) {
      assertTrue(FuzzKey.signedToken(state.token()), "signed in without a token the key signed");
    }
    for (ResponseHeader h : state.headers()) {
      assertNoLineBreak(h.name());
      assertNoLineBreak(h.value());
    }
  }

  /** Header names are ASCII tokens (RFC 9110 §5.1): only ASCII letters change case. */
  private static String ascii(String s, char from, char to, int shift) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c >= from && c <= to ? (char) (c + shift) : c);
    }
    return b.toString();
  }

  private static void assertCookies(List<String> headers, Map<String, String> cookies) {
    String all = String.join("\n", headers);
    cookies.forEach(
        (name, value) -> {
          assertFalse(name.isEmpty(), "empty cookie name");
          assertEquals(name.trim(), name, "padded cookie name");
          assertFalse(
              name.contains(";") || name.contains("="), () -> "separator in cookie name " + name);
          assertFalse(name.contains("\n"), "line break in cookie name");
          assertTrue(all.contains(name), "a cookie name the client did not send");
          if (value.contains(";")) {
            assertTrue(
                all.toLowerCase(Locale.ROOT).contains("%3b"),
                "';' in a value the client did not escape");
          }
        });
  }

  /**
   * Forwarded headers may move the origin (scheme http/https and host), never path, query or user
   * info.
   */
  private static void assertPublicUrl(URI url, URI clerkUrl) {
    if (clerkUrl.equals(url)) {
      return;
    }
    String scheme = clerkUrl.getScheme();
    assertTrue(scheme.equals("http") || scheme.equals("https"), scheme);
    assertNotNull(clerkUrl.getHost(), "no host");
    assertNull(clerkUrl.getRawUserInfo(), "user info");
    assertNull(clerkUrl.getRawFragment(), "fragment");
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    assertEquals(path, clerkUrl.getRawPath());
    assertEquals(url.getRawQuery(), clerkUrl.getRawQuery());
  }

  private static void assertNoLineBreak(String s) {
    assertFalse(
        s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\0') >= 0,
        "CR, LF or NUL in a response header");
  }
}
