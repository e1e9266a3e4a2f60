package dev.clerk.jakarta.core.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.auth.Reverification;
import dev.clerk.jakarta.core.webhooks.WebhookVerificationReason;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefusalsTest {
  private static final Refusals NO_SIGN_IN = Refusals.of(null, true);
  private static final Refusals SIGN_IN = Refusals.of("https://accounts.example.com/sign-in", true);
  private static final String[] API = {"Accept", "application/json"};
  private static final String[] PAGE = {"Sec-Fetch-Dest", "document", "Accept", "text/html"};
  private static final ResponseHeader NO_STORE = new ResponseHeader("Cache-Control", "no-store");
  private static final ResponseHeader INSUFFICIENT_SCOPE =
      new ResponseHeader(
          "WWW-Authenticate",
          "Bearer error=\"insufficient_scope\", error_description=\"The request requires other permissions\"");

  private static RequestState signedOut(AuthReason reason) {
    return RequestState.signedOut(reason, "");
  }

  private static String page(int status, String text) {
    return "<!DOCTYPE html><html><head><title>"
        + status
        + "</title></head><body><p>"
        + text
        + "</p></body></html>\n";
  }

  @Test
  void signedOutWhenNoCredentialThen401PlainBearerAndJsonReason() {
    Refusal r = NO_SIGN_IN.signedOut(req(API), signedOut(AuthReason.SESSION_TOKEN_AND_UAT_MISSING));
    assertEquals(
        new Refusal(
            401,
            List.of(NO_STORE, new ResponseHeader("WWW-Authenticate", "Bearer")),
            "application/json",
            "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}"),
        r);
  }

  @Test
  void signedOutWhenNoDecisionThenAsWithoutCredential() {
    assertEquals(
        NO_SIGN_IN.signedOut(req(API), signedOut(AuthReason.SESSION_TOKEN_AND_UAT_MISSING)),
        NO_SIGN_IN.signedOut(req(API), null));
  }

  @Test
  void signedOutWhenTokenRefusedThen401InvalidToken() {
    Refusal r = NO_SIGN_IN.signedOut(req(), signedOut(AuthReason.of("token-expired")));
    assertEquals(401, r.status());
    assertEquals(
        "Bearer error=\"invalid_token\", error_description=\"The token is invalid, expired or not accepted here\"",
        r.header("www-authenticate").orElseThrow());
    assertEquals("{\"error\":\"unauthorized\",\"reason\":\"token-expired\"}", r.body());
  }

  @Test
  void signedOutWhenClerkCouldNotDecideThen503WithoutChallenge() {
    Refusal api =
        SIGN_IN.signedOut(req(API), signedOut(AuthReason.of("jwk-remote-failed-to-load")));
    assertEquals(
        new Refusal(
            503,
            List.of(NO_STORE),
            "application/json",
            "{\"error\":\"service_unavailable\",\"reason\":\"jwk-remote-failed-to-load\"}"),
        api);
    Refusal page = SIGN_IN.signedOut(req(PAGE), signedOut(AuthReason.UNEXPECTED_ERROR));
    assertEquals(
        new Refusal(
            503,
            List.of(NO_STORE),
            "text/html;charset=UTF-8",
            page(503, "Authentication is temporarily unavailable.")),
        page);
  }

  @Test
  void signedOutWhenPageWithoutSignInUrlThen401HtmlPage() {
    Refusal r =
        NO_SIGN_IN.signedOut(req(PAGE), signedOut(AuthReason.SESSION_TOKEN_AND_UAT_MISSING));
    assertEquals(
        new Refusal(
            401,
            List.of(NO_STORE, new ResponseHeader("WWW-Authenticate", "Bearer")),
            "text/html;charset=UTF-8",
            page(401, "Sign in to see this page.")),
        r);
  }

  @Test
  void signedOutWhenPageWithSignInUrlThen307ToSignInWithThePublicUrl() {
    ClerkRequest forwarded =
        ClerkRequest.builder()
            .url("http://10.0.0.5:8080/admin/")
            .header("Host", "10.0.0.5:8080")
            .header("X-Forwarded-Host", "app.example.com")
            .header("X-Forwarded-Proto", "https")
            .header("Sec-Fetch-Dest", "document")
            .build();
    Refusal trusted = SIGN_IN.signedOut(forwarded, null);
    assertEquals(
        new Refusal(
            307,
            List.of(
                NO_STORE,
                new ResponseHeader(
                    "Location",
                    "https://accounts.example.com/sign-in?redirect_url=https%3A%2F%2Fapp.example.com%2Fadmin%2F")),
            null,
            ""),
        trusted);
    Refusal ignored =
        Refusals.of("https://accounts.example.com/sign-in", false).signedOut(forwarded, null);
    assertEquals(
        "https://accounts.example.com/sign-in?redirect_url=http%3A%2F%2F10.0.0.5%3A8080%2Fadmin%2F",
        ignored.header("Location").orElseThrow());
  }

  @Test
  void signedOutWhenPagePostedOrApiThen401NotRedirect() {
    ClerkRequest post =
        ClerkRequest.builder()
            .method("POST")
            .url("https://app.example.com/x")
            .header("Sec-Fetch-Dest", "document")
            .build();
    assertEquals(401, SIGN_IN.signedOut(post, null).status());
    assertEquals(401, SIGN_IN.signedOut(req(API), null).status());
    assertEquals(
        401,
        Refusals.of("/sign-in", true)
            .signedOut(
                ClerkRequest.builder()
                    .url("https://app.example.com/sign-in")
                    .header("Sec-Fetch-Dest", "document")
                    .build(),
                null)
            .status());
  }

  @Test
  void forbiddenWhenEachDenialThen403InsufficientScopeWithItsReason() {
    assertEquals(
        new Refusal(
            403,
            List.of(NO_STORE, INSUFFICIENT_SCOPE),
            "application/json",
            "{\"error\":\"forbidden\",\"reason\":\"insufficient-role\"}"),
        NO_SIGN_IN.forbidden(req(API), Denial.INSUFFICIENT_ROLE));
    assertEquals(
        new Refusal(
            403,
            List.of(NO_STORE, INSUFFICIENT_SCOPE),
            "text/html;charset=UTF-8",
            page(403, "You do not have the role this page requires.")),
        SIGN_IN.forbidden(req(PAGE), Denial.INSUFFICIENT_ROLE));
    for (Denial d : Denial.values()) {
      assertEquals(
          "{\"error\":\"forbidden\",\"reason\":\"" + d.value() + "\"}",
          SIGN_IN.forbidden(req(), d).body());
      assertEquals(page(403, d.text()), SIGN_IN.forbidden(req(PAGE), d).body());
    }
  }

  @Test
  void reverificationRequiredWhenPresetOrLevelThenClerksBody() {
    assertEquals(
        new Refusal(
            403,
            List.of(NO_STORE, INSUFFICIENT_SCOPE),
            "application/json",
            "{\"clerk_error\":{\"type\":\"forbidden\",\"reason\":\"reverification-error\",\"metadata\":{\"reverification\":\"strict\"}}}"),
        NO_SIGN_IN.reverificationRequired(req(API), Reverification.STRICT, "strict"));
    assertEquals(
        "{\"clerk_error\":{\"type\":\"forbidden\",\"reason\":\"reverification-error\",\"metadata\":"
            + "{\"reverification\":{\"level\":\"multi_factor\",\"afterMinutes\":5}}}}",
        NO_SIGN_IN
            .reverificationRequired(
                req(), new Reverification(Reverification.Level.MULTI_FACTOR, 5), null)
            .body());
    assertEquals(
        page(403, "Verify your identity again to see this page."),
        NO_SIGN_IN.reverificationRequired(req(PAGE), Reverification.LAX, "lax").body());
  }

  @Test
  void reverificationRequiredWhenNotAPresetThenRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> NO_SIGN_IN.reverificationRequired(req(), Reverification.STRICT, "strict\"}"));
    assertEquals("not a reverification preset: \"strict\"}\"", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> NO_SIGN_IN.reverificationRequired(req(), Reverification.STRICT, "STRICT"));
  }

  @Test
  void ambiguousPathWhenApiOrPageThen400() {
    assertEquals(
        new Refusal(
            400,
            List.of(NO_STORE),
            "application/json",
            "{\"error\":\"bad_request\",\"reason\":\"ambiguous-path\"}"),
        SIGN_IN.ambiguousPath(req()));
    assertEquals(
        new Refusal(
            400,
            List.of(NO_STORE),
            "text/html;charset=UTF-8",
            page(400, "The request path is not valid.")),
        SIGN_IN.ambiguousPath(req(PAGE)));
  }

  @Test
  void invalidWebhookWhenEachReasonThenItsStatusAndJsonEvenForAPage() {
    for (WebhookVerificationReason reason : WebhookVerificationReason.values()) {
      assertEquals(
          new Refusal(
              reason.httpStatus(),
              List.of(NO_STORE),
              "application/json",
              "{\"error\":\"invalid_webhook\",\"reason\":\"" + reason.value() + "\"}"),
          Refusals.invalidWebhook(reason.httpStatus(), reason.value()));
    }
    assertEquals(
        413,
        Refusals.invalidWebhook(413, WebhookVerificationReason.BODY_TOO_LARGE.value()).status());
  }

  @Test
  void invalidWebhookWhenNotAClientErrorOrAReasonThenRefused() {
    assertEquals(
        "not a client error status: 500",
        assertThrows(IllegalArgumentException.class, () -> Refusals.invalidWebhook(500, "x"))
            .getMessage());
    assertEquals(
        "not a webhook reason: \"a\\\"b\"",
        assertThrows(IllegalArgumentException.class, () -> Refusals.invalidWebhook(400, "a\"b"))
            .getMessage());
  }

  @Test
  void ofWhenBlankSignInUrlThenRefused() {
    assertEquals(
        "signInUrl is blank",
        assertThrows(IllegalArgumentException.class, () -> Refusals.of(" ", true)).getMessage());
  }

  @Test
  void refusalWhenBodyWithoutContentTypeOrStatus200ThenRefused() {
    assertEquals(
        "a content type goes with a body, and only with one",
        assertThrows(IllegalArgumentException.class, () -> new Refusal(401, List.of(), null, "x"))
            .getMessage());
    assertEquals(
        "a content type goes with a body, and only with one",
        assertThrows(
                IllegalArgumentException.class, () -> new Refusal(307, List.of(), "text/plain", ""))
            .getMessage());
    assertEquals(
        "invalid status 200",
        assertThrows(IllegalArgumentException.class, () -> new Refusal(200, List.of(), null, ""))
            .getMessage());
  }

  private static ClerkRequest req(String... headers) {
    ClerkRequest.Builder b = ClerkRequest.builder().url("https://app.example.com/x");
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  @Test
  void isDocumentWhenBrowserNavigationThenTrue() {
    assertTrue(Refusals.isDocument(req("Sec-Fetch-Dest", "document")));
    assertTrue(Refusals.isDocument(req("Sec-Fetch-Dest", "iframe")));
    assertTrue(Refusals.isDocument(req("Accept", "text/html,application/xhtml+xml")));
  }

  @Test
  void isDocumentWhenApiCallThenFalse() {
    assertFalse(Refusals.isDocument(req()));
    assertFalse(Refusals.isDocument(req("Accept", "application/json")));
    assertFalse(Refusals.isDocument(req("Accept", "text/html, application/json")));
    assertFalse(Refusals.isDocument(req("Sec-Fetch-Dest", "empty", "Accept", "text/html")));
  }

  @Test
  void signInRedirectWhenAbsoluteOrRelativeThenAddsRedirectUrl() {
    URI current = URI.create("https://app.example.com/admin/?a=1");
    assertEquals(
        "https://accounts.example.com/sign-in?redirect_url=https%3A%2F%2Fapp.example.com%2Fadmin%2F%3Fa%3D1",
        Refusals.signInRedirect("https://accounts.example.com/sign-in", current));
    assertEquals(
        "/sign-in?x=y&redirect_url=https%3A%2F%2Fapp.example.com%2Fadmin%2F%3Fa%3D1#top",
        Refusals.signInRedirect("/sign-in?x=y#top", current));
  }

  @Test
  void signInRedirectWhenSignInUrlOrPageNonAsciiThenAsciiLocation() {
    assertEquals(
        "https://accounts.example.com/anmelden/%C3%A4?von=%C3%BC&redirect_url=https%3A%2F%2Fapp.example.com%2F%C3%BC",
        Refusals.signInRedirect(
            "https://accounts.example.com/anmelden/ä?von=ü",
            URI.create("https://app.example.com/ü")));
  }

  @Test
  void signInRedirectWhenSignInPageItselfThenNull() {
    assertNull(
        Refusals.signInRedirect("/sign-in", URI.create("https://app.example.com/sign-in?r=1")));
  }

  @Test
  void jsonEscapeWhenSpecialCharactersThenEscaped() {
    assertEquals("a\\\"b\\\\c\\u003c\\u000a", Refusals.jsonEscape("a\"b\\c<\n"));
  }
}
