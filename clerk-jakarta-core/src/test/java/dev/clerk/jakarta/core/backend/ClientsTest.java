package dev.clerk.jakarta.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientsTest {
  private final FakeClerk fake = FakeClerk.start();
  private final FakeTime time = new FakeTime();
  private final BackendApi api = TestApis.api(fake, time);

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void handshakePayloadWhenNonceKnownThenDirectivesInOrder() throws Exception {
    fake.putHandshakePayload("nonce 1/ü", "__session=a.b.c; Path=/", "__client_uat=1; Path=/");

    HandshakePayload p = api.clients().handshakePayload("nonce 1/ü");

    assertEquals(List.of("__session=a.b.c; Path=/", "__client_uat=1; Path=/"), p.directives());
    RecordedRequest r = fake.requests("/v1/clients/handshake_payload").get(0);
    assertEquals("GET", r.method());
    assertEquals("nonce=nonce%201%2F%C3%BC", r.rawQuery());
    assertEquals("nonce 1/ü", r.queryParam("nonce"));
    assertEquals("Bearer " + fake.secretKey(), r.header("Authorization"));
    assertEquals("2026-05-12", r.header("Clerk-API-Version"));
  }

  @Test
  void handshakePayloadWhenNonceUnknownThen404ClerkApiException() {
    ClerkApiException e =
        assertThrows(ClerkApiException.class, () -> api.clients().handshakePayload("nope"));

    assertEquals(404, e.statusCode());
    assertEquals("resource_not_found", e.code());
    assertEquals("Handshake payload not found", e.errors().get(0).message());
    assertEquals(
        "Clerk Backend API GET /v1/clients/handshake_payload answered HTTP 404: resource_not_found"
            + " (Handshake payload not found) [clerk_trace_id "
            + e.clerkTraceId()
            + "]",
        e.getMessage());
  }

  @Test
  void handshakePayloadAsyncWhenNonceKnownThenCompletes() throws Exception {
    fake.putHandshakePayload("n", "__session=x; Path=/");

    assertEquals(
        List.of("__session=x; Path=/"),
        api.clients().handshakePayloadAsync("n").get().directives());
  }

  @Test
  void handshakePayloadToStringWhenCalledThenHidesDirectives() {
    assertEquals(
        "HandshakePayload{1 directives}",
        new HandshakePayload(List.of("__session=secret")).toString());
  }

  @Test
  void getWhenClientExistsThenSessions() throws Exception {
    java.util.Map<String, Object> s = fake.backendApi().directory().addSession("user_1");
    String clientId = (String) s.get("client_id");

    Client c = api.clients().get(clientId);

    assertEquals(clientId, c.id());
    assertEquals(List.of(s.get("id")), c.sessionIds());
    assertEquals("user_1", c.sessions().get(0).userId());
    assertEquals(s.get("id"), c.lastActiveSessionId());
  }

  @Test
  void verifyWhenTokenKnownThenClientAndRetriedAsReadOnly() throws Exception {
    String clientId = (String) fake.backendApi().directory().addSession("user_1").get("client_id");
    fake.backendApi().directory().registerClientToken("client.jwt.token", clientId);
    fake.enqueueFault("/v1/clients/verify", dev.clerk.jakarta.testing.Fault.status(502));

    Client c = api.clients().verify("client.jwt.token");

    assertEquals(clientId, c.id());
    List<RecordedRequest> rs = fake.requests("/v1/clients/verify");
    assertEquals(2, rs.size());
    assertEquals(java.util.Map.of("token", "client.jwt.token"), rs.get(1).jsonBody());
  }

  @Test
  void verifyWhenTokenUnknownThen400() {
    ClerkApiException e = assertThrows(ClerkApiException.class, () -> api.clients().verify("nope"));

    assertEquals(400, e.statusCode());
    assertEquals("token_invalid", e.code());
  }
}
