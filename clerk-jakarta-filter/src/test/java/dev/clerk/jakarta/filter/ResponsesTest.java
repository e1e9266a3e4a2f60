package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.request.ClerkRequest;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ResponsesTest {
  private static ClerkRequest req(String... headers) {
    ClerkRequest.Builder b = ClerkRequest.builder().url("https://app.example.com/x");
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  @Test
  void isDocumentWhenBrowserNavigationThenTrue() {
    assertTrue(Responses.isDocument(req("Sec-Fetch-Dest", "document")));
    assertTrue(Responses.isDocument(req("Sec-Fetch-Dest", "iframe")));
    assertTrue(Responses.isDocument(req("Accept", "text/html,application/xhtml+xml")));
  }

  @Test
  void isDocumentWhenApiCallThenFalse() {
    assertFalse(Responses.isDocument(req()));
    assertFalse(Responses.isDocument(req("Accept", "application/json")));
    assertFalse(Responses.isDocument(req("Accept", "text/html, application/json")));
    assertFalse(Responses.isDocument(req("Sec-Fetch-Dest", "empty", "Accept", "text/html")));
  }

  @Test
  void signInRedirectWhenAbsoluteOrRelativeThenAddsRedirectUrl() {
    URI current = URI.create("https://app.example.com/admin/?a=1");
    assertEquals("https://accounts.example.com/sign-in?redirect_url=https%3A%2F%2Fapp.example.com%2Fadmin%2F%3Fa%3D1",
        Responses.signInRedirect("https://accounts.example.com/sign-in", current));
    assertEquals("/sign-in?x=y&redirect_url=https%3A%2F%2Fapp.example.com%2Fadmin%2F%3Fa%3D1#top",
        Responses.signInRedirect("/sign-in?x=y#top", current));
  }

  @Test
  void signInRedirectWhenSignInUrlOrPageNonAsciiThenAsciiLocation() {
    assertEquals(
        "https://accounts.example.com/anmelden/%C3%A4?von=%C3%BC&redirect_url=https%3A%2F%2Fapp.example.com%2F%C3%BC",
        Responses.signInRedirect("https://accounts.example.com/anmelden/ä?von=ü", URI.create("https://app.example.com/ü")));
  }

  @Test
  void signInRedirectWhenSignInPageItselfThenNull() {
    assertNull(Responses.signInRedirect("/sign-in", URI.create("https://app.example.com/sign-in?r=1")));
  }

  @Test
  void jsonEscapeWhenSpecialCharactersThenEscaped() {
    assertEquals("a\\\"b\\\\c\\u003c\\u000a", Responses.jsonEscape("a\"b\\c<\n"));
  }
}
