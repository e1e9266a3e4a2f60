package dev.clerk.jakarta.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeDirectoryTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final FakeClerk fake = FakeClerk.start();
  private final FakeDirectory dir = fake.backendApi().directory();

  @AfterEach
  void stop() {
    fake.close();
  }

  private HttpResponse<String> send(String method, String pathAndQuery, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(fake.apiUrl() + pathAndQuery))
            .header("Authorization", "Bearer " + fake.secretKey())
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void usersWhenLimitOutOfRangeThen422() throws Exception {
    HttpResponse<String> r = send("GET", "/v1/users?limit=501", null);

    assertEquals(422, r.statusCode());
    assertTrue(r.body().contains("form_param_value_invalid"), r.body());
  }

  @Test
  void createUserWhenUnknownFieldThen422() throws Exception {
    HttpResponse<String> r =
        send("POST", "/v1/users", "{\"email_address\":[\"a@example.com\"],\"nick\":\"x\"}");

    assertEquals(422, r.statusCode());
    assertTrue(r.body().contains("form_param_unknown"), r.body());
    assertEquals(List.of(), dir.users());
  }

  @Test
  void usersCountWhenTwoUsersThenTotalCountObject() throws Exception {
    dir.addUser("a@example.com", null, null);
    dir.addUser("b@example.com", null, null);

    Map<String, Object> body = Json.parseObject(send("GET", "/v1/users/count", null).body());

    assertEquals("total_count", body.get("object"));
    assertEquals(2L, body.get("total_count"));
  }

  @Test
  void deleteUserWhenMemberThenMembershipsAndSessionsGone() throws Exception {
    String userId = (String) dir.addUser("a@example.com", null, null).get("id");
    String orgId = (String) dir.addOrganization("Acme", "acme").get("id");
    dir.addMembership(orgId, userId, "org:admin");
    dir.addSession(userId);

    assertEquals(200, send("DELETE", "/v1/users/" + userId, null).statusCode());

    assertEquals(List.of(), dir.memberships());
    assertEquals(List.of(), dir.sessions());
  }

  @Test
  void banWhenUserHasSessionThenSessionRevoked() throws Exception {
    String userId = (String) dir.addUser("a@example.com", null, null).get("id");
    dir.addSession(userId);

    send("POST", "/v1/users/" + userId + "/ban", null);

    assertEquals("revoked", dir.sessions().get(0).get("status"));
  }

  @Test
  void membershipWhenQuotaReachedThen422() throws Exception {
    String orgId = (String) dir.addOrganization("Acme", "acme").get("id");
    send("PATCH", "/v1/organizations/" + orgId, "{\"max_allowed_memberships\":1}");
    String a = (String) dir.addUser("a@example.com", null, null).get("id");
    String b = (String) dir.addUser("b@example.com", null, null).get("id");
    dir.addMembership(orgId, a, "org:admin");

    HttpResponse<String> r =
        send(
            "POST",
            "/v1/organizations/" + orgId + "/memberships",
            "{\"user_id\":\"" + b + "\",\"role\":\"org:member\"}");

    assertEquals(422, r.statusCode());
    assertTrue(r.body().contains("organization_membership_quota_exceeded"), r.body());
  }

  @Test
  void interstitialWhenNoAuthorizationThenHtmlEscapingParameters() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        fake.apiUrl()
                            + "/v1/public/interstitial?publishable_key=pk_test_x&sign_in_url=%22%3E%3Cscript%3E"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertEquals(200, r.statusCode());
    assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(r.body().contains("data-sign-in-url=\"&quot;&gt;&lt;script&gt;\""), r.body());
  }

  @Test
  void clientsHandshakeRouteWhenDirectoryPresentThenStillServedByHandshake() throws Exception {
    fake.putHandshakePayload("n1", "__session=x; Path=/");

    HttpResponse<String> r = send("GET", "/v1/clients/handshake_payload?nonce=n1", null);

    assertEquals(200, r.statusCode());
    assertEquals(List.of("__session=x; Path=/"), Json.parseObject(r.body()).get("directives"));
  }
}
