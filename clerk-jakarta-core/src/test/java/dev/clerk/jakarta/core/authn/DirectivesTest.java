package dev.clerk.jakarta.core.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Handshake and refresh directives: only well-formed Set-Cookie values for Clerk's cookies pass.
 */
class DirectivesTest {

  @Test
  void filterWhenClerkCookiesThenKeptInOrder() {
    List<String> in =
        List.of(
            "__session=a.b.c; Path=/; Secure; SameSite=Lax",
            "__session_MqCvchyS=x.y.z; Path=/",
            "__client_uat=1666648250; Path=/; Max-Age=315360000",
            "__client_uat_MqCvchyS=0",
            "__clerk_db_jwt=dvb_123; Path=/",
            "__clerk_handshake=; Max-Age=0",
            "__refresh_MqCvchyS=r1; HttpOnly");
    assertEquals(in, Directives.filter(in, "handshake"));
  }

  @Test
  void filterWhenForeignOrMalformedThenDropped() {
    List<String> in =
        List.of(
            "sessionid=stolen; Path=/",
            "__session=a\r\nSet-Cookie: x=y",
            "=novalue",
            "__session",
            "__sess ion=x",
            "__session=a b",
            "; __session=x",
            "__session=ok");
    assertEquals(List.of("__session=ok"), Directives.filter(in, "handshake"));
  }

  @Test
  void problemWhenForeignCookieThenNamedWithoutValue() {
    assertEquals(
        "cookie sessionid is not one of Clerk's", Directives.problem("sessionid=secret-value"));
    assertNull(Directives.problem("__clerk_redirect_count=1; Max-Age=2"));
  }

  /** Fuzzing finding: a lone or unbalanced DQUOTE passed as a cookie value (RFC 6265 §4.1.1). */
  @Test
  void problemWhenValueHasUnbalancedQuoteThenRefused() {
    assertEquals("invalid value of cookie __session", Directives.problem("__session=\""));
    assertEquals(
        "invalid value of cookie __session", Directives.problem("__session=\"abc; Path=/"));
    assertEquals("invalid value of cookie __session", Directives.problem("__session=abc\""));
    assertEquals("invalid value of cookie __session", Directives.problem("__session=\"a\"b\""));
    assertNull(Directives.problem("__session=\"abc\"; Path=/"));
    assertNull(Directives.problem("__session=\"\""));
  }

  @Test
  void lastSessionTokenWhenSeveralThenLastSessionPrefixed() {
    assertEquals(
        "second",
        Directives.lastSessionToken(
            List.of("__session=first; Path=/", "__client_uat=1", "__session_abc=second; Path=/")));
    assertNull(Directives.lastSessionToken(List.of("__client_uat=0")));
    assertNull(Directives.lastSessionToken(List.of("__session=; Max-Age=0")));
  }
}
