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
    ClerkApiException e = assertThrows(ClerkApiException.class, () -> api.clients().handshakePayload("nope"));

    assertEquals(404, e.statusCode());
    assertEquals("resource_not_found", e.code());
    assertEquals("Handshake payload not found", e.errors().get(0).message());
    assertEquals(
        "Clerk Backend API GET /v1/clients/handshake_payload answered HTTP 404: resource_not_found"
            + " (Handshake payload not found) [clerk_trace_id " + e.clerkTraceId() + "]",
        e.getMessage());
  }

  @Test
  void handshakePayloadAsyncWhenNonceKnownThenCompletes() throws Exception {
    fake.putHandshakePayload("n", "__session=x; Path=/");

    assertEquals(List.of("__session=x; Path=/"), api.clients().handshakePayloadAsync("n").get().directives());
  }

  @Test
  void handshakePayloadToStringWhenCalledThenHidesDirectives() {
    assertEquals("HandshakePayload{1 directives}", new HandshakePayload(List.of("__session=secret")).toString());
  }
}
