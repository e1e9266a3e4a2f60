package dev.clerk.jakarta.core.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Response headers cannot split a response; debug headers skip invalid values (spec §1.1). */
class ResponseHeaderTest {

  @Test
  void constructorWhenValueHasCrLfThenRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ResponseHeader("Location", "https://a\r\nSet-Cookie: x=y"));
    assertEquals("header value contains CR, LF or NUL", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ResponseHeader("Set-Cookie", "a=b\n"));
    assertThrows(IllegalArgumentException.class, () -> new ResponseHeader("Bad Name", "x"));
  }

  @Test
  void toStringWhenSetCookieOrLocationThenTokensLeftOut() {
    assertEquals(
        "ResponseHeader[name=Set-Cookie, value=__session=<redacted>]",
        new ResponseHeader("Set-Cookie", "__session=eyJhbGc.eyJzdWIi.c2ln; Path=/; Secure")
            .toString());
    assertEquals(
        "ResponseHeader[name=Location, value=https://clerk.example.com/v1/client/handshake<redacted>]",
        new ResponseHeader(
                "Location",
                "https://clerk.example.com/v1/client/handshake?__session=eyJhbGc.eyJzdWIi.c2ln")
            .toString());
    assertEquals(
        "ResponseHeader[name=location, value=https://example.com/<redacted>]",
        new ResponseHeader("location", "https://example.com/#__clerk_db_jwt=dvb_1?x").toString());
    assertEquals(
        "ResponseHeader[name=Location, value=https://example.com/path]",
        new ResponseHeader("Location", "https://example.com/path").toString());
    assertEquals(
        "ResponseHeader[name=x-clerk-auth-reason, value=token-invalid]",
        new ResponseHeader("x-clerk-auth-reason", "token-invalid").toString());
  }

  @Test
  void isWhenDifferentCaseThenTrue() {
    assertTrue(new ResponseHeader("Set-Cookie", "a=b").is("set-cookie"));
  }

  @Test
  void signedOutWhenMessageHasControlCharactersThenMessageHeaderSkipped() {
    RequestState state = RequestState.signedOut(AuthReason.of("token-invalid"), "bad\r\nvalue");
    assertEquals(List.of(), state.headers("x-clerk-auth-message"));
    assertEquals(List.of("token-invalid"), state.headers("x-clerk-auth-reason"));
    assertEquals("bad\r\nvalue", state.message());
  }

  @Test
  void signedInWhenHeadersThenNoDebugHeaders() {
    RequestState state =
        RequestState.signedIn(
            new dev.clerk.jakarta.core.auth.MachineAuth(
                dev.clerk.jakarta.core.auth.TokenType.API_KEY,
                "ak_1",
                "user_1",
                List.of(),
                null,
                null,
                null,
                "ak_x"),
            List.of(new ResponseHeader("Set-Cookie", "__session=a; Path=/")));
    assertEquals(List.of(new ResponseHeader("Set-Cookie", "__session=a; Path=/")), state.headers());
    assertTrue(state.reply().isEmpty());
  }
}
