package dev.clerk.jakarta.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
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
  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

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
        token =
            URLDecoder.decode(
                pair.substring("__clerk_handshake=".length()), StandardCharsets.UTF_8);
      }
    }
    JsonWebSignature jws = new JsonWebSignature();
    jws.setCompactSerialization(token);
    jws.setKey(
        new JsonWebKeySet(clerk.jwksJson())
            .findJsonWebKey(jws.getKeyIdHeaderValue(), null, null, null)
            .getKey());
    assertTrue(jws.verifySignature());
    Map<String, Object> claims = Json.parseObject(jws.getPayload());
    return (List<String>) claims.get("handshake");
  }

  @Test
  void signInWhenRedirectUrlGivenThenRedirectsWithSignedInHandshakeAndRemembersBrowser()
      throws Exception {
    try (FakeClerk clerk = FakeClerk.start()) {
      FakeFrontendApi api = FakeFrontendApi.install(clerk);
      HttpResponse<String> r =
          get(api.signInUrl("http://localhost:8080/page?a=1", "user_x", "org_1", "org:admin"));
      assertEquals(303, r.statusCode());
      String location = r.headers().firstValue("Location").orElseThrow();
      assertTrue(
          location.startsWith("http://localhost:8080/page?a=1&__clerk_handshake="), location);
      List<String> d = directives(clerk, location);
      assertEquals(3, d.size(), d.toString());
      assertTrue(d.get(0).startsWith("__session=ey"), d.get(0));
      String session = d.get(0).substring("__session=".length(), d.get(0).indexOf(';'));
      String payload =
          new String(
              Base64.getUrlDecoder().decode(session.split("\\.")[1]), StandardCharsets.UTF_8);
      Map<String, Object> claims = Json.parseObject(payload);
      assertEquals("user_x", claims.get("sub"));
      assertEquals(
          Map.of("id", "org_1", "slg", "org_1", "rol", "admin", "per", "", "fpm", ""),
          claims.get("o"));
      assertEquals("http://localhost:8080", claims.get("azp"));
      assertEquals("__client_uat=" + claims.get("iat") + "; Path=/; SameSite=Lax", d.get(1));
      assertEquals("__clerk_db_jwt=" + api.devBrowserToken() + "; Path=/; SameSite=Lax", d.get(2));

      String client = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      HttpResponse<String> hs =
          get(
              clerk.apiUrl()
                  + "/v1/client/handshake?redirect_url="
                  + "http%3A%2F%2Flocalhost%3A8080%2F&format=nonce",
              "Cookie",
              client);
      assertEquals(307, hs.statusCode());
      String nonce =
          param(hs.headers().firstValue("Location").orElseThrow(), "__clerk_handshake_nonce");
      assertTrue(
          clerk.backendApi().handshakePayloads().get(nonce).get(0).startsWith("__session=ey"));
    }
  }

  @Test
  void signInWhenBrowserSignsInThenSessionTokenHasClerksV2Shape() throws Exception {
    try (FakeClerk clerk = FakeClerk.start()) {
      HttpResponse<String> r =
          get(
              clerk
                  .frontend()
                  .signInUrl(
                      "https://app.example/",
                      "user_v2",
                      "org_9",
                      "org:admin",
                      "org:invoices:read",
                      "org:invoices:write",
                      "org:reports:read"));
      String session =
          sessionToken(directives(clerk, r.headers().firstValue("Location").orElseThrow()));
      Map<String, Object> header = part(session, 0);
      assertEquals("RS256", header.get("alg"));
      assertEquals(clerk.signingKey().kid(), header.get("kid"));
      assertEquals("JWT", header.get("typ"));
      assertEquals("cl_B7d4PD111AAA", header.get("cat"));
      Map<String, Object> claims = part(session, 1);
      assertEquals(
          List.of("azp", "exp", "iat", "iss", "nbf", "sid", "sub", "v", "sts", "fva", "o", "fea"),
          List.copyOf(claims.keySet()));
      assertEquals("https://app.example", claims.get("azp"));
      assertEquals(clerk.issuer(), claims.get("iss"));
      assertEquals(2L, ((Number) claims.get("v")).longValue());
      assertEquals("active", claims.get("sts"));
      assertEquals(List.of(0L, -1L), claims.get("fva"));
      assertEquals(
          Map.of("id", "org_9", "slg", "org_9", "rol", "admin", "per", "read,write", "fpm", "3,1"),
          claims.get("o"));
      assertEquals("o:invoices,o:reports", claims.get("fea"));
      assertEquals(
          60L, ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue());
      assertEquals("active", session(clerk, (String) claims.get("sid")).get("status"));
      assertEquals("user_v2", session(clerk, (String) claims.get("sid")).get("user_id"));
    }
  }

  @Test
  void handshakeWhenBrowserSignedInThenSameSessionNewToken() throws Exception {
    FakeClock clock = FakeClock.now();
    try (FakeClerk clerk = FakeClerk.builder().clock(clock).start()) {
      HttpResponse<String> r =
          get(clerk.frontend().signInUrl("http://localhost:8080/", "user_x", null, null));
      String first =
          sessionToken(directives(clerk, r.headers().firstValue("Location").orElseThrow()));
      String client = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      clock.advance(java.time.Duration.ofSeconds(90));
      HttpResponse<String> hs =
          get(
              clerk.apiUrl() + "/v1/client/handshake?redirect_url=http%3A%2F%2Flocalhost%3A8080%2F",
              "Cookie",
              client);
      assertEquals(307, hs.statusCode());
      assertEquals("no-store", hs.headers().firstValue("Cache-Control").orElseThrow());
      String second =
          sessionToken(directives(clerk, hs.headers().firstValue("Location").orElseThrow()));
      assertEquals(part(first, 1).get("sid"), part(second, 1).get("sid"));
      assertEquals(
          ((Number) part(first, 1).get("iat")).longValue() + 90,
          ((Number) part(second, 1).get("iat")).longValue());
      assertTrue(!first.equals(second));
    }
  }

  @Test
  void signOutWhenBrowserSignedInThenSessionEndedAndSignedOutDirectivesAndNextHandshakeSignedOut()
      throws Exception {
    try (FakeClerk clerk = FakeClerk.start()) {
      HttpResponse<String> r =
          get(clerk.frontend().signInUrl("http://localhost:8080/", "user_x", null, null));
      String sid =
          (String)
              part(
                      sessionToken(
                          directives(clerk, r.headers().firstValue("Location").orElseThrow())),
                      1)
                  .get("sid");
      String client = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

      HttpResponse<String> out =
          get(clerk.frontend().signOutUrl("http://localhost:8080/"), "Cookie", client);
      assertEquals(303, out.statusCode());
      assertEquals(
          List.of(
              "__session=; Path=/; Max-Age=0",
              "__client_uat=0; Path=/; SameSite=Lax",
              "__clerk_db_jwt=" + clerk.devBrowserToken() + "; Path=/; SameSite=Lax"),
          directives(clerk, out.headers().firstValue("Location").orElseThrow()));
      assertEquals(
          FakeFrontendApi.CLIENT_COOKIE + "=; Path=/; Max-Age=0",
          out.headers().firstValue("Set-Cookie").orElseThrow());
      assertEquals("ended", session(clerk, sid).get("status"));

      HttpResponse<String> hs =
          get(
              clerk.apiUrl() + "/v1/client/handshake?redirect_url=http%3A%2F%2Flocalhost%3A8080%2F",
              "Cookie",
              client);
      assertEquals(
          "__session=; Path=/; Max-Age=0",
          directives(clerk, hs.headers().firstValue("Location").orElseThrow()).get(0));
    }
  }

  @Test
  void handshakeWhenSessionRevokedThroughBackendApiThenSignedOutDirectives() throws Exception {
    try (FakeClerk clerk = FakeClerk.start()) {
      HttpResponse<String> r =
          get(clerk.frontend().signInUrl("http://localhost:8080/", "user_x", null, null));
      String sid =
          (String)
              part(
                      sessionToken(
                          directives(clerk, r.headers().firstValue("Location").orElseThrow())),
                      1)
                  .get("sid");
      HttpResponse<String> revoked =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(clerk.apiUrl() + "/v1/sessions/" + sid + "/revoke"))
                  .header("Authorization", "Bearer " + clerk.secretKey())
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, revoked.statusCode(), revoked.body());
      HttpResponse<String> hs =
          get(
              clerk.apiUrl() + "/v1/client/handshake?redirect_url=http%3A%2F%2Flocalhost%3A8080%2F",
              "Cookie",
              r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0]);
      assertEquals(
          List.of(
              "__session=; Path=/; Max-Age=0",
              "__client_uat=0; Path=/; SameSite=Lax",
              "__clerk_db_jwt=" + clerk.devBrowserToken() + "; Path=/; SameSite=Lax"),
          directives(clerk, hs.headers().firstValue("Location").orElseThrow()));
    }
  }

  @Test
  void signInWhenPermissionMalformedThen400AndNoSession() throws Exception {
    try (FakeClerk clerk = FakeClerk.start()) {
      HttpResponse<String> r =
          get(
              clerk
                  .frontend()
                  .signInUrl("http://localhost/", "user_x", "org_1", "org:admin", "invoices"));
      assertEquals(400, r.statusCode());
      assertTrue(
          r.body()
              .contains(
                  "permission \\\"invoices\\\" is not of the form org:<feature>:<permission>"),
          r.body());
      assertEquals("ended", clerk.backendApi().directory().sessions().get(0).get("status"));
    }
  }

  @Test
  void installWhenCalledThenTheFakesOwnFrontendApi() {
    try (FakeClerk clerk = FakeClerk.start()) {
      assertSame(clerk.frontend(), FakeFrontendApi.install(clerk));
    }
  }

  private static Map<String, Object> session(FakeClerk clerk, String sid) {
    return clerk.backendApi().directory().sessions().stream()
        .filter(s -> sid.equals(s.get("id")))
        .findFirst()
        .orElseThrow();
  }

  private static String sessionToken(List<String> directives) {
    String d = directives.get(0);
    assertTrue(d.startsWith("__session=ey"), d);
    return d.substring("__session=".length(), d.indexOf(';'));
  }

  private static Map<String, Object> part(String jwt, int i) {
    return Json.parseObject(
        new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[i]), StandardCharsets.UTF_8));
  }

  private static String param(String location, String name) {
    for (String pair : URI.create(location).getRawQuery().split("&")) {
      if (pair.startsWith(name + "=")) {
        return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no " + name + " in " + location);
  }

  @Test
  void handshakeWhenUnknownBrowserThenSignedOutDirectivesWithDevBrowser() throws Exception {
    try (FakeClerk clerk = FakeClerk.start()) {
      FakeFrontendApi.install(clerk);
      HttpResponse<String> r =
          get(
              clerk.apiUrl()
                  + "/v1/client/handshake?redirect_url=http%3A%2F%2Flocalhost%2F&__clerk_db_jwt=dvb_app");
      assertEquals(307, r.statusCode());
      assertEquals(
          List.of(
              "__session=; Path=/; Max-Age=0",
              "__client_uat=0; Path=/; SameSite=Lax",
              "__clerk_db_jwt=dvb_app; Path=/; SameSite=Lax"),
          directives(clerk, r.headers().firstValue("Location").orElseThrow()));
    }
  }

  @Test
  void handshakeWhenRedirectUrlMissingOrRelativeThen400() throws Exception {
    try (FakeClerk clerk = FakeClerk.start()) {
      FakeFrontendApi.install(clerk);
      assertEquals(400, get(clerk.apiUrl() + "/v1/client/handshake").statusCode());
      assertEquals(
          400, get(clerk.apiUrl() + "/v1/client/handshake?redirect_url=%2Fpage").statusCode());
    }
  }
}
