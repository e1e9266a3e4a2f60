package dev.clerk.jakarta.core.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.FuzzKey;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.request.ResponseHeader;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/**
 * Fuzzes the handshake directive parser: the {@code Set-Cookie} directives a handshake token or
 * payload carries ({@link Directives}), alone and through a whole handshake resolution. In {@code
 * mvn verify} it replays the committed inputs under {@code DirectivesFuzzTestInputs/}; see the
 * README's "Fuzzing" section to fuzz one method.
 *
 * <p>Properties: nothing throws; every directive passed on is a {@code Set-Cookie} for one of
 * Clerk's cookies, with a token-character name, a cookie-octet value, no control character other
 * than tab and nothing outside Latin-1, so no response header can be split or carry a foreign
 * cookie; the session token taken from the directives is the value of the last {@code __session*}
 * directive passed on; and a handshake signs in only with a session token the key signed.
 */
class DirectivesFuzzTest {
  private static final Clerk CLERK =
      Clerk.builder()
          .publishableKey(FuzzKey.PUBLISHABLE_KEY)
          .jwtKey(FuzzKey.publicKeyPem())
          .configure(o -> o.clock(Clock.fixed(FuzzKey.NOW, ZoneOffset.UTC)))
          .build();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER = "{\"alg\":\"RS256\",\"kid\":\"ins_fuzz\",\"typ\":\"JWT\"}";

  /** Each line (UTF-8) is one directive, as the {@code directives} array of a handshake payload. */
  @FuzzTest
  void filterWhenAnyDirectivesThenOnlyClerksSetCookies(byte[] input) {
    List<String> directives = lines(input);
    List<String> kept = Directives.filter(directives, "handshake");
    assertTrue(directives.containsAll(kept));
    String lastSession = null;
    for (String d : kept) {
      assertNull(Directives.problem(d), d);
      assertSetCookie(d);
      if (Directives.name(d).startsWith("__session")) {
        lastSession = Directives.value(d);
      }
    }
    String token = Directives.lastSessionToken(kept);
    assertEquals(lastSession == null || lastSession.isEmpty() ? null : lastSession, token);
  }

  /**
   * Each line (UTF-8) is one directive of a handshake token that the key signs; the token arrives
   * in {@code __clerk_handshake} of a document request to a development instance.
   */
  @FuzzTest
  void resolveHandshakeWhenAnyDirectivesThenOnlySignedSessionSignsIn(byte[] input) {
    List<String> directives = lines(input);
    JsonArrayBuilder array = Json.createArrayBuilder();
    directives.forEach(array::add);
    String payload =
        Json.createObjectBuilder()
            .add("sub", "user_fuzz")
            .add("iat", FuzzKey.NOW.getEpochSecond() - 10)
            .add("exp", FuzzKey.NOW.getEpochSecond() + 60)
            .add("handshake", array)
            .build()
            .toString();
    String signingInput =
        B64.encodeToString(HEADER.getBytes(StandardCharsets.UTF_8))
            + "."
            + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    String token = signingInput + "." + FuzzKey.sign("RS256", signingInput);
    ClerkRequest request =
        ClerkRequest.builder()
            .url(
                "https://example.com/path?__clerk_handshake="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8))
            .header("sec-fetch-dest", "document")
            .header("host", "example.com")
            .build();

    RequestState state = CLERK.authenticateRequest(request);

    assertNotNull(state.status());
    for (ResponseHeader h : state.headers()) {
      assertFalse(
          h.value().indexOf('\r') >= 0 || h.value().indexOf('\n') >= 0,
          "line break in a response header");
      if (h.is("Set-Cookie")) {
        assertNull(Directives.problem(h.value()), "a Set-Cookie the guard refuses");
        assertSetCookie(h.value());
      }
    }
    if (state.isSignedIn()) {
      assertTrue(
          FuzzKey.signedToken(state.token()),
          "signed in with a session token the key did not sign");
      assertEquals(
          Directives.lastSessionToken(Directives.filter(directives, "handshake")), state.token());
    }
  }

  /** RFC 6265 §4.1.1, re-stated: {@code name=value[; attributes]} for one of Clerk's cookies. */
  private static void assertSetCookie(String directive) {
    for (int i = 0; i < directive.length(); i++) {
      char c = directive.charAt(i);
      assertTrue(c == '\t' || c >= 0x20 && c != 0x7f && c <= 0xff, () -> "character " + (int) c);
    }
    String pair = directive.split(";", -1)[0];
    int eq = pair.indexOf('=');
    assertTrue(eq > 0, "no name");
    String name = pair.substring(0, eq);
    assertTrue(
        name.startsWith("__session")
            || name.startsWith("__client_uat")
            || name.startsWith("__clerk_")
            || name.startsWith("__refresh"),
        () -> "not one of Clerk's cookies: " + name);
    assertTrue(
        name.chars().allMatch(c -> c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0),
        name);
    String value = pair.substring(eq + 1);
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    assertTrue(
        value
            .chars()
            .allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != ',' && c != ';' && c != '\\'),
        "not a cookie-octet value");
  }

  private static List<String> lines(byte[] input) {
    return List.of(new String(input, StandardCharsets.UTF_8).split("\n", -1));
  }
}
