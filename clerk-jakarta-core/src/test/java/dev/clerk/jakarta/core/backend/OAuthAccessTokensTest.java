package dev.clerk.jakarta.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.RecordedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OAuthAccessTokensTest {
  private final FakeClerk fake = FakeClerk.start();
  private final BackendApi api = TestApis.api(fake, new FakeTime());

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void verifyWhenTokenKnownThenMapped() throws Exception {
    fake.registerOAuthToken("oat_1", "user_1", "client_1", "profile", "email");

    OAuthAccessToken t = api.oauthAccessTokens().verify("oat_1");

    assertEquals("user_1", t.subject());
    assertEquals("client_1", t.clientId());
    assertEquals("oauth_token", t.type());
    assertEquals(List.of("profile", "email"), t.scopes());
    RecordedRequest r = fake.requests("/oauth_applications/access_tokens/verify").get(0);
    assertEquals("POST", r.method());
    assertEquals(Map.of("access_token", "oat_1"), r.jsonBody());
  }

  @Test
  void verifyWhenTokenUnknownThen404() {
    ClerkApiException e =
        assertThrows(ClerkApiException.class, () -> api.oauthAccessTokens().verify("oat_x"));

    assertEquals(404, e.statusCode());
    assertEquals("OAuth token not found", e.errors().get(0).message());
  }
}
