package dev.clerk.jakarta.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeResponse;
import dev.clerk.jakarta.testing.Fault;
import dev.clerk.jakarta.testing.RecordedRequest;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RawRequestTest {
  private final FakeClerk fake = FakeClerk.start();
  private final FakeTime time = new FakeTime();
  private final BackendApi api = TestApis.api(fake, time);

  @AfterEach
  void stop() {
    fake.close();
  }

  /** A caller's own view of a user, bound with snake_case naming. */
  public static final class UserView {
    public String id;
    public String firstName;
    public Map<String, Object> publicMetadata;
  }

  /** A caller's record. */
  public record DomainView(String id, String name, boolean isSatellite) {}

  @Test
  void asJsonObjectWhenGetThenVersionedPathQueryAndHeaders() throws Exception {
    String id =
        (String) fake.backendApi().directory().addUser("ada@example.com", "Ada", null).get("id");

    JsonObject o =
        api.request("GET", "/users/" + id).query("x", 1).header("X-Trace", "t1").asJsonObject();

    assertEquals(id, o.getString("id"));
    RecordedRequest r = fake.requests("/v1/users/" + id).get(0);
    assertEquals("x=1", r.rawQuery());
    assertEquals("t1", r.header("X-Trace"));
    assertEquals("Bearer " + fake.secretKey(), r.header("Authorization"));
    assertEquals("2026-05-12", r.header("Clerk-API-Version"));
  }

  @Test
  void asWhenPojoThenBoundWithSnakeCaseNames() throws Exception {
    String id =
        (String) fake.backendApi().directory().addUser("ada@example.com", "Ada", null).get("id");

    UserView v = api.request("GET", "/users/" + id).as(UserView.class);

    assertEquals(id, v.id);
    assertEquals("Ada", v.firstName);
    assertEquals(Map.of(), v.publicMetadata);
    assertEquals("Ada", api.request("GET", "/users/" + id).asAsync(UserView.class).get().firstName);
  }

  @Test
  void asWhenRecordThenBoundWithSnakeCaseNames() throws Exception {
    fake.route(
        "GET",
        "/v1/domains/dmn_1",
        r ->
            FakeResponse.json(
                200,
                Map.of(
                    "object",
                    "domain",
                    "id",
                    "dmn_1",
                    "name",
                    "example.com",
                    "is_satellite",
                    true)));

    DomainView d = api.request("GET", "/domains/dmn_1").as(DomainView.class);

    assertEquals(new DomainView("dmn_1", "example.com", true), d);
  }

  @Test
  void asJsonWhenArrayThenArray() throws Exception {
    fake.backendApi().directory().addUser("ada@example.com", "Ada", null);

    JsonArray a = api.request("GET", "/users").query("limit", 5).asJson().asJsonArray();

    assertEquals(1, a.size());
    assertEquals(1, api.request("GET", "/users").asJsonAsync().get().asJsonArray().size());
  }

  @Test
  void bodyWhenMapThenJsonAndPostNotRetried() throws Exception {
    fake.enqueueFault("/v1/allowlist_identifiers", Fault.status(503));

    ClerkApiException e =
        assertThrows(
            ClerkApiException.class,
            () ->
                api.request("POST", "/allowlist_identifiers")
                    .body(Map.of("identifier", "a@example.com"))
                    .asString());

    assertEquals(503, e.statusCode());
    assertEquals(1, fake.requestCount("/v1/allowlist_identifiers"));
  }

  @Test
  void idempotentWhenPostThenRetried() throws Exception {
    fake.enqueueFault("/v1/allowlist_identifiers", Fault.status(503));

    String text =
        api.request("POST", "/allowlist_identifiers")
            .idempotent()
            .body("{\"identifier\":\"a@example.com\"}")
            .asString();

    assertTrue(text.contains("\"identifier\":\"a@example.com\""), text);
    RecordedRequest last = fake.requests("/v1/allowlist_identifiers").get(1);
    assertEquals("{\"identifier\":\"a@example.com\"}", last.body());
    assertEquals("application/json", last.header("Content-Type"));
  }

  @Test
  void bodyWhenJsonValueThenSentAsIs() throws Exception {
    api.request("POST", "/blocklist_identifiers")
        .body(Json.createObjectBuilder().add("identifier", "b@example.com").build())
        .asJsonObject();

    assertEquals(
        Map.of("identifier", "b@example.com"),
        fake.requests("/v1/blocklist_identifiers").get(0).jsonBody());
  }

  @Test
  void unversionedWhenSetThenNoVersionSegmentAndBearerOverride() throws Exception {
    fake.registerM2mToken("mt_1", "mch_1");
    fake.backendApi().registerMachineSecretKey("ak_machine");

    JsonObject o =
        api.request("POST", "/m2m_tokens/verify")
            .unversioned()
            .bearer("ak_machine")
            .body(Map.of("token", "mt_1"))
            .asJsonObject();

    assertEquals("mch_1", o.getString("subject"));
    assertEquals(
        "Bearer ak_machine", fake.requests("/m2m_tokens/verify").get(0).header("Authorization"));
  }

  @Test
  void retryPolicyWhenNoneThenGetNotRetried() {
    fake.enqueueFault("/v1/jwks", Fault.status(503));

    ClerkApiException e =
        assertThrows(
            ClerkApiException.class,
            () -> api.request("GET", "/jwks").retryPolicy(RetryPolicy.none()).asString());

    assertEquals(503, e.statusCode());
    assertEquals(1, fake.jwksRequestCount());
  }

  @Test
  void asWhenBodyDoesNotBindThenMalformedResponse() {
    fake.route("GET", "/v1/odd", r -> FakeResponse.json(200, "[1,2]"));

    MalformedResponseException e =
        assertThrows(
            MalformedResponseException.class, () -> api.request("GET", "/odd").as(UserView.class));

    assertEquals(200, e.statusCode());
    assertTrue(
        e.getMessage()
            .startsWith(
                "Clerk Backend API GET /v1/odd answered HTTP 200 with a body that cannot be bound to "
                    + UserView.class.getName()),
        e.getMessage());
  }

  @Test
  void asAsyncWhenMalformedThenFutureFailsWithMalformedResponse() {
    fake.route("GET", "/v1/odd", r -> FakeResponse.json(200, "[1,2]"));

    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> api.request("GET", "/odd").asAsync(UserView.class).get());

    assertInstanceOf(MalformedResponseException.class, e.getCause());
  }

  @Test
  void headerWhenReservedThenRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> api.request("GET", "/users").header("authorization", "x"));

    assertEquals("authorization is set by the client", e.getMessage());
  }

  @Test
  void requestWhenPathHasQueryThenRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> api.request("GET", "/users?limit=1"));

    assertEquals(
        "path must start with / and hold no query or fragment (use query()), got \"/users?limit=1\"",
        e.getMessage());
  }

  @Test
  void unauthenticatedWhenSetThenNoAuthorizationHeader() throws Exception {
    String html =
        api.request("GET", "/public/interstitial")
            .unauthenticated()
            .query("publishable_key", fake.publishableKey())
            .asString();

    assertTrue(html.startsWith("<!DOCTYPE html>"), html);
    assertEquals(null, fake.requests("/v1/public/interstitial").get(0).header("Authorization"));
    assertEquals(List.of(), time.sleeps());
  }
}
