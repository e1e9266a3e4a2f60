package dev.clerk.jakarta.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

class FakeFrontendApiTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private static HttpResponse<String> get(String url, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Verifies the handshake JWT with the published JWKS and returns its directives. */
  @SuppressWarnings("unchecked")
  private static List<String> directives(FakeClerk clerk, String location) throws Exception {
    String query = URI.create(location).getRawQuery();
    String token = null;
    for (String pair : query.split("&")) {
      if (pair.startsWith("__clerk_handshake=")) {
        token = URLDecoder.decode(pair.substring("__clerk_handshake=".length()), StandardCharsets.UTF_8);
      }
    }
    JsonWebSignature jws = new JsonWebSignature();
    jws.setCompactSerialization(token);
    jws.setKey(new JsonWebKeySet(clerk.jwksJson()).findJsonWebKey(jws.getKeyIdHeaderValue(), null, null, null).getKey());
    assertTrue(jws.verifySignature());
    Map<String, Object> claims = Json.parseObject(jws.getPayload());
    return (List<String>) claims.get("handshake");
  }

  @Test
  void signInWhenRedirectUrlGivenThenRedirectsWithSignedInHandshakeAndRemembersBrowser() throws Exception {
    try (FakeClerk clerk = FakeClerk.start()) {
      FakeFrontendApi api = FakeFrontendApi.install(clerk);
      HttpResponse<String> r = get(api.signInUrl("http://localhost:8080/page?a=1", "user_x", "org_1", "org:admin"));
      assertEquals(303, r.statusCode());
      String location = r.headers().firstValue("Location").orElseThrow();
      assertTrue(location.startsWith("http://localhost:8080/page?a=1&__clerk_handshake="), location);
      List<String> d = directives(clerk, location);
      assertEquals(3, d.size(), d.toString());
      assertTrue(d.get(0).startsWith("__session=ey"), d.get(0));
      String session = d.get(0).substring("__session=".length(), d.get(0).indexOf(';'));
      String payload = new String(Base64.getUrlDecoder().decode(session.split("\\.")[1]), StandardCharsets.UTF_8);
      Map<String, Object> claims = Json.parseObject(payload);
      assertEquals("user_x", claims.get("sub"));
      assertEquals("org:admin", claims.get("org_role"));
      assertEquals("http://localhost:8080", claims.get("azp"));
      assertEquals("__client_uat=" + claims.get("iat") + "; Path=/; SameSite=Lax", d.get(1));
      assertEquals("__clerk_db_jwt=" + api.devBrowserToken() + "; Path=/; SameSite=Lax", d.get(2));

      String client = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      HttpResponse<String> hs = get(clerk.apiUrl() + "/v1/client/handshake?redirect_url="
          + "http%3A%2F%2Flocalhost%3A8080%2F&format=nonce", "Cookie", client);
      assertEquals(307, hs.statusCode());
      assertTrue(directives(clerk, hs.headers().firstValue("Location").orElseThrow()).get(0).startsWith("__session=ey"));
    }
  }

  @Test
  void handshakeWhenUnknownBrowserThenSignedOutDirectivesWithDevBrowser() throws Exception {
    try (FakeClerk clerk = FakeClerk.start()) {
      FakeFrontendApi.install(clerk);
      HttpResponse<String> r = get(clerk.apiUrl()
          + "/v1/client/handshake?redirect_url=http%3A%2F%2Flocalhost%2F&__clerk_db_jwt=dvb_app");
      assertEquals(307, r.statusCode());
      assertEquals(List.of("__session=; Path=/; Max-Age=0", "__client_uat=0; Path=/; SameSite=Lax",
          "__clerk_db_jwt=dvb_app; Path=/; SameSite=Lax"),
          directives(clerk, r.headers().firstValue("Location").orElseThrow()));
    }
  }

  @Test
  void handshakeWhenRedirectUrlMissingOrRelativeThen400() throws Exception {
    try (FakeClerk clerk = FakeClerk.start()) {
      FakeFrontendApi.install(clerk);
      assertEquals(400, get(clerk.apiUrl() + "/v1/client/handshake").statusCode());
      assertEquals(400, get(clerk.apiUrl() + "/v1/client/handshake?redirect_url=%2Fpage").statusCode());
    }
  }
}
