package dev.clerk.jakarta.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.Fault;
import dev.clerk.jakarta.testing.RecordedRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
  private final FakeClerk fake = FakeClerk.start();
  private final FakeTime time = new FakeTime();
  private final BackendApi api = TestApis.api(fake, time);

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void verifyWhenKeyKnownThenMappedWithoutVersionSegment() throws Exception {
    Map<String, Object> served = fake.registerApiKey("ak_secret", "user_1", "read", "write");

    ApiKey k = api.apiKeys().verify("ak_secret");

    assertEquals(served.get("id"), k.id());
    assertEquals("api_key", k.type());
    assertEquals("fake key", k.name());
    assertEquals("user_1", k.subject());
    assertEquals(List.of("read", "write"), k.scopes());
    assertNull(k.claims());
    assertFalse(k.revoked());
    assertFalse(k.expired());
    assertNull(k.expiration());
    assertEquals(Instant.ofEpochMilli((Long) served.get("created_at")), k.createdAt());
    RecordedRequest r = fake.requests("/api_keys/verify").get(0);
    assertEquals("POST", r.method());
    assertEquals(Map.of("secret", "ak_secret"), r.jsonBody());
    assertEquals("Bearer " + fake.secretKey(), r.header("Authorization"));
    assertEquals("application/json", r.header("Content-Type"));
  }

  @Test
  void verifyWhenFullObjectThenEveryFieldMapped() throws Exception {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("object", "api_key");
    o.put("id", "ak_id");
    o.put("type", "api_key");
    o.put("name", "CI");
    o.put("subject", "org_1");
    o.put("scopes", List.of());
    o.put("claims", Map.of("tier", "gold", "n", 3, "nested", Map.of("a", List.of(true))));
    o.put("revoked", true);
    o.put("revocation_reason", "leaked");
    o.put("expired", true);
    o.put("expiration", 1_800_000_000_000L);
    o.put("created_by", "user_9");
    o.put("description", "desc");
    o.put("last_used_at", 1_700_000_000_500L);
    o.put("created_at", 1_700_000_000_000L);
    o.put("updated_at", 1_700_000_000_100L);
    o.put("unknown_future_field", Map.of("x", 1));
    fake.backendApi().putApiKey("ak_full", o);

    ApiKey k = api.apiKeys().verify("ak_full");

    assertEquals(
        new ApiKey(
            "ak_id",
            "api_key",
            "CI",
            "org_1",
            List.of(),
            Map.of("tier", "gold", "n", 3L, "nested", Map.of("a", List.of(true))),
            true,
            "leaked",
            true,
            Instant.ofEpochMilli(1_800_000_000_000L),
            "user_9",
            "desc",
            Instant.ofEpochMilli(1_700_000_000_500L),
            Instant.ofEpochMilli(1_700_000_000_000L),
            Instant.ofEpochMilli(1_700_000_000_100L)),
        k);
  }

  @Test
  void verifyWhenKeyUnknownThen404() {
    ClerkApiException e =
        assertThrows(ClerkApiException.class, () -> api.apiKeys().verify("ak_nope"));

    assertEquals(404, e.statusCode());
    assertEquals("resource_not_found", e.code());
    assertEquals("API key not found", e.errors().get(0).message());
    assertFalse(e.getMessage().contains("ak_nope"));
  }

  @Test
  void verifyWhenSecretKeyWrongThen401WithoutTheKeyInTheMessage() {
    BackendApi wrong =
        BackendApi.builder().apiUrl(fake.apiUrl()).secretKey("sk_test_wrong_key").build();

    ClerkApiException e =
        assertThrows(ClerkApiException.class, () -> wrong.apiKeys().verify("ak_x"));

    assertEquals(401, e.statusCode());
    assertEquals("clerk_key_invalid", e.code());
    assertFalse(e.getMessage().contains("sk_test_wrong_key"));
    assertFalse(e.toString().contains("sk_test_wrong_key"));
  }

  @Test
  void verifyWhenFirstAttemptRefusedWith503ThenRetriedBecauseReadOnly() throws Exception {
    fake.registerApiKey("ak_secret", "user_1");
    fake.enqueueFault("/api_keys/verify", Fault.status(503));

    assertEquals("user_1", api.apiKeys().verify("ak_secret").subject());

    assertEquals(2, fake.requestCount("/api_keys/verify"));
    assertEquals(1, time.sleeps().size());
  }

  @Test
  void verifyAsyncWhenKeyKnownThenCompletes() throws Exception {
    fake.registerApiKey("ak_secret", "user_1");

    assertTrue(api.apiKeys().verifyAsync("ak_secret").get().scopes().isEmpty());
  }
}
