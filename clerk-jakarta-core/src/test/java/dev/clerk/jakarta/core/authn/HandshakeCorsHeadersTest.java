package dev.clerk.jakarta.core.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, defect 7: {@code Access-Control-Allow-Origin: null} with {@code
 * Access-Control-Allow-Credentials: true} only on a response that carries handshake directives,
 * never on the application's ordinary response to a request that merely names a nonce.
 */
class HandshakeCorsHeadersTest {
  private final FakeClerk prod = FakeClerk.builder().production().start();
  private final FakeClerk dev = FakeClerk.start();

  @AfterEach
  void close() {
    prod.close();
    dev.close();
  }

  private static Clerk clerk(FakeClerk fake) {
    return Clerk.builder()
        .secretKey(fake.secretKey())
        .publishableKey(fake.publishableKey())
        .apiUrl(fake.apiUrl())
        .build();
  }

  private static ClerkRequest.Builder page(String url) {
    return ClerkRequest.builder().url(url).header("sec-fetch-dest", "document");
  }

  private static void assertNoCors(RequestState state) {
    assertEquals(
        List.of(), state.headers("Access-Control-Allow-Origin"), state.headers()::toString);
    assertEquals(
        List.of(), state.headers("Access-Control-Allow-Credentials"), state.headers()::toString);
  }

  private static void assertCors(RequestState state) {
    assertEquals(List.of("null"), state.headers("Access-Control-Allow-Origin"));
    assertEquals(List.of("true"), state.headers("Access-Control-Allow-Credentials"));
  }

  @Test
  void authenticateWhenUnknownNonceInQueryThenNoCorsHeaders() {
    RequestState state =
        clerk(prod)
            .authenticateRequest(
                page("https://app.example.com/?__clerk_handshake_nonce=nonce_made_up_by_client")
                    .build());

    assertEquals(AuthStatus.SIGNED_OUT, state.status());
    assertEquals(AuthReason.SESSION_TOKEN_MISSING, state.reason());
    assertNoCors(state);
  }

  @Test
  void authenticateWhenNonceCookieAndBackendApiFailsThenNoCorsHeaders() {
    prod.route(
        "GET",
        "/v1/clients/handshake_payload",
        req -> FakeResponse.clerkError(500, "internal", "boom"));

    RequestState state =
        clerk(prod)
            .authenticateRequest(
                page("https://app.example.com/account")
                    .header("cookie", "__clerk_handshake_nonce=nonce_cors_unknown_1")
                    .build());

    assertNoCors(state);
  }

  @Test
  void authenticateWhenSignedInApiCallCarriesNonceThenNoCorsHeaders() {
    String token = prod.sessionToken().subject("user_1").sign();
    RequestState state =
        clerk(prod)
            .authenticateRequest(
                ClerkRequest.builder()
                    .url("https://app.example.com/api/me?__clerk_handshake_nonce=x")
                    .header("authorization", "Bearer " + token)
                    .build());

    assertEquals(AuthStatus.SIGNED_IN, state.status());
    assertNoCors(state);
  }

  @Test
  void authenticateWhenNoncePayloadHasOnlyForeignCookiesThenNoCorsHeaders() {
    prod.putHandshakePayload("nonce_cors_foreign_2", "JSESSIONID=stolen; Path=/", "tracking=1");

    RequestState state =
        clerk(prod)
            .authenticateRequest(
                page("https://app.example.com/?__clerk_handshake_nonce=nonce_cors_foreign_2")
                    .build());

    assertEquals(List.of(), state.headers("Set-Cookie"));
    assertNoCors(state);
  }

  @Test
  void authenticateWhenDevHandshakeTokenWithoutDirectivesThenRedirectBackWithoutCorsHeaders() {
    RequestState state =
        clerk(dev)
            .authenticateRequest(
                page("https://app.example.com/p?__clerk_handshake=" + dev.handshakeToken())
                    .build());

    assertEquals("https://app.example.com/p", state.location().orElseThrow());
    assertNoCors(state);
  }

  @Test
  void authenticateWhenNonceResolvesToDirectivesThenCorsHeadersWithTheCookies() {
    String session = prod.sessionToken().subject("user_1").sign();
    prod.putHandshakePayload(
        "nonce_cors_directives_3", "__session=" + session + "; Path=/", "__client_uat=1; Path=/");

    RequestState state =
        clerk(prod)
            .authenticateRequest(
                page("https://app.example.com/?__clerk_handshake_nonce=nonce_cors_directives_3")
                    .build());

    assertEquals(AuthStatus.SIGNED_IN, state.status());
    assertEquals(2, state.headers("Set-Cookie").size());
    assertCors(state);
  }

  @Test
  void authenticateWhenDevHandshakeTokenCarriesDirectivesThenCorsHeadersWithTheRedirect() {
    String session = dev.sessionToken().subject("user_1").sign();
    String handshake =
        dev.handshakeToken("__session=" + session + "; Path=/", "__client_uat=1; Path=/");

    RequestState state =
        clerk(dev)
            .authenticateRequest(
                page("https://app.example.com/p?__clerk_handshake=" + handshake).build());

    assertEquals("https://app.example.com/p", state.location().orElseThrow());
    assertCors(state);
  }
}
