package dev.clerk.jakarta.examples.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeCredential;
import dev.clerk.jakarta.testing.junit.FakeClerkTest;
import dev.clerk.jakarta.testing.junit.SignedIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's "Test your app": this WAR's own endpoints ({@code web.xml} with {@code ClerkFilter},
 * {@code /api/me}, {@code /admin/}) in an embedded Tomcat, tested with the JUnit 5 extension of
 * {@code clerk-jakarta-testing}.
 */
// FakeClerk for the class; clerk.secretKey, clerk.apiUrl … point the application at it.
@FakeClerkTest(systemProperties = true)
class MeEndpointTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static Tomcat tomcat;
  static String app;

  @BeforeAll
  static void startApplication() throws Exception {
    tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createDirectories(Path.of("target/me-endpoint-tomcat")).toString());
    tomcat.setPort(0);
    tomcat.getConnector();
    tomcat.setAddDefaultWebXmlToWebapp(false);
    Context ctx = tomcat.addWebapp("", Path.of("src/main/webapp").toAbsolutePath().toString());
    ctx.setParentClassLoader(MeEndpointTest.class.getClassLoader());
    tomcat.start();
    app = "http://localhost:" + tomcat.getConnector().getLocalPort();
  }

  @AfterAll
  static void stopApplication() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }

  static HttpResponse<String> get(String path, String authorization) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(app + path))
            .header("Authorization", authorization)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @SignedIn(user = "user_1", org = "org_1", role = "org:member", permissions = "org:invoices:read")
  void meWhenSignedInThenJsonOfTheCaller(FakeCredential alice) throws Exception {
    HttpResponse<String> r = get("/api/me", alice.authorizationHeader());
    assertEquals(200, r.statusCode());
    assertEquals(
        "{\"userId\":\"user_1\",\"sessionId\":\""
            + alice.sessionId()
            + "\",\"orgId\":\"org_1\","
            + "\"orgRole\":\"org:member\",\"orgPermissions\":[\"org:invoices:read\"],\"tokenType\":\"session_token\"}",
        r.body());
  }

  @Test
  void meWhenTokenExpiredThen401(FakeClerk fake) throws Exception {
    HttpResponse<String> r =
        get("/api/me", fake.tokens().expiredSession("user_1").authorizationHeader());
    assertEquals(401, r.statusCode());
    assertEquals(
        "Bearer error=\"invalid_token\"",
        r.headers().firstValue("WWW-Authenticate").orElseThrow().split(",")[0]);
  }

  @Test
  @SignedIn(user = "user_2", org = "org_1", role = "org:member")
  void adminWhenMemberThen403(FakeCredential bob) throws Exception {
    assertEquals(403, get("/admin/", bob.authorizationHeader()).statusCode());
  }

  @Test
  @SignedIn(user = "user_3", org = "org_1", role = "org:admin")
  void adminWhenAdminThen200(FakeCredential carol) throws Exception {
    assertEquals(200, get("/admin/", carol.authorizationHeader()).statusCode());
  }

  @Test
  void meWhenApiKeyThen401BecauseTheAppAcceptsSessionTokensOnly(FakeClerk fake) throws Exception {
    assertEquals(
        401, get("/api/me", fake.tokens().apiKey("user_1").authorizationHeader()).statusCode());
  }
}
