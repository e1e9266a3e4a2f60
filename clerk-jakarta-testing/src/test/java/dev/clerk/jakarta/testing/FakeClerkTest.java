package dev.clerk.jakarta.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

class FakeClerkTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(FakeClerk clerk, String path, String bearer) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(clerk.apiUrl() + path));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void jwksWhenSecretKeyMatchesThenMintedTokenVerifiesWithPublishedKey() throws Exception {
    try (FakeClerk clerk = FakeClerk.start()) {
      String token = clerk.sessionToken().subject("user_1").sign();
      HttpResponse<String> res = get(clerk, "/v1/jwks", clerk.secretKey());
      assertEquals(200, res.statusCode());
      JsonWebKeySet set = new JsonWebKeySet(res.body());
      JsonWebSignature jws = new JsonWebSignature();
      jws.setCompactSerialization(token);
      jws.setKey(new VerificationJwkSelector().select(jws, set.getJsonWebKeys()).getKey());
      assertTrue(jws.verifySignature());
      Map<String, Object> claims = Json.parseObject(jws.getPayload());
      assertEquals("user_1", claims.get("sub"));
      assertEquals(clerk.issuer(), claims.get("iss"));
      assertEquals(clerk.signingKey().kid(), jws.getKeyIdHeaderValue());
      assertEquals(1, clerk.jwksRequestCount());
    }
  }

  @Test
  void jwksWhenSecretKeyWrongThenClerkKeyInvalid() throws Exception {
    try (FakeClerk clerk = FakeClerk.start()) {
      HttpResponse<String> res = get(clerk, "/v1/jwks", "sk_test_wrong");
      assertEquals(401, res.statusCode());
      assertTrue(res.body().contains("\"clerk_key_invalid\""), res.body());
    }
  }

  @Test
  void enqueueFaultWhenStatusThenAnsweredOnceThenNormal() throws Exception {
    try (FakeClerk clerk = FakeClerk.start()) {
      clerk.enqueueFault("/v1/jwks", Fault.status(503));
      assertEquals(503, get(clerk, "/v1/jwks", clerk.secretKey()).statusCode());
      assertEquals(200, get(clerk, "/v1/jwks", clerk.secretKey()).statusCode());
    }
  }

  @Test
  void publishableKeyWhenBuiltThenEncodesFrontendApi() {
    try (FakeClerk clerk =
        FakeClerk.builder().production().frontendApi("clerk.example.com").start()) {
      String pk = clerk.publishableKey();
      assertTrue(pk.startsWith("pk_live_"));
      String b64 = pk.substring("pk_live_".length());
      while (b64.length() % 4 != 0) {
        b64 += "=";
      }
      assertEquals(
          "clerk.example.com$",
          new String(
              Base64.getDecoder().decode(b64), java.nio.charset.StandardCharsets.ISO_8859_1));
    }
  }

  @Test
  void signWhenAlgNoneThenUnsignedThreeParts() {
    try (FakeClerk clerk = FakeClerk.start()) {
      String token = clerk.sessionToken().header("alg", "none").sign();
      assertTrue(token.endsWith("."));
      assertEquals(3, token.split("\\.", -1).length);
    }
  }
}
