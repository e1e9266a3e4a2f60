package dev.clerk.jakarta.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.RecordedRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class M2MTokensTest {
  private final FakeClerk fake = FakeClerk.start();
  private final FakeTime time = new FakeTime();
  private final BackendApi api = TestApis.api(fake, time);

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void verifyWhenNoMachineSecretKeyThenSecretKeyIsBearer() throws Exception {
    fake.registerM2mToken("mt_1", "mch_a", "mch_b");

    M2MToken t = api.m2mTokens().verify("mt_1", null);

    assertEquals("mch_a", t.subject());
    assertEquals(List.of("mch_b"), t.scopes());
    RecordedRequest r = fake.requests("/m2m_tokens/verify").get(0);
    assertEquals("POST", r.method());
    assertEquals("Bearer " + fake.secretKey(), r.header("Authorization"));
    assertEquals(Map.of("token", "mt_1"), r.jsonBody());
  }

  @Test
  void verifyWhenMachineSecretKeyGivenThenItIsBearer() throws Exception {
    fake.registerM2mToken("mt_1", "mch_a");
    fake.backendApi().registerMachineSecretKey("ak_machine_secret");
    BackendApi noSecretKey = BackendApi.builder().apiUrl(fake.apiUrl()).build();

    M2MToken t = noSecretKey.m2mTokens().verify("mt_1", "ak_machine_secret");

    assertEquals("mch_a", t.subject());
    assertEquals(
        "Bearer ak_machine_secret",
        fake.requests("/m2m_tokens/verify").get(0).header("Authorization"));
  }

  @Test
  void verifyWhenNoKeyAtAllThenIllegalStateBeforeAnyRequest() {
    BackendApi noSecretKey = BackendApi.builder().apiUrl(fake.apiUrl()).build();

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> noSecretKey.m2mTokens().verify("mt_1", null));

    assertEquals(
        "no Clerk secret key is configured (set CLERK_SECRET_KEY or BackendApi.Builder.secretKey) for"
            + " POST /m2m_tokens/verify",
        e.getMessage());
    assertEquals(0, fake.requests().size());
  }

  @Test
  void verifyWhenTokenUnknownThen404() {
    ClerkApiException e =
        assertThrows(ClerkApiException.class, () -> api.m2mTokens().verify("mt_x", null));

    assertEquals(404, e.statusCode());
    assertEquals("Machine token not found", e.errors().get(0).message());
  }

  @Test
  void verifyAsyncWhenTokenUnknownThenFailsWithClerkApiException() {
    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> api.m2mTokens().verifyAsync("mt_x", null).get());

    assertEquals(404, assertInstanceOf(ClerkApiException.class, e.getCause()).statusCode());
  }

  @Test
  void verifyWhenRevokedThenRevokedFlagAndReason() throws Exception {
    fake.registerM2mToken("mt_1", "mch_a");
    fake.backendApi().revoke("mt_1", "compromised");

    M2MToken t = api.m2mTokens().verify("mt_1", null);

    assertEquals(true, t.revoked());
    assertEquals("compromised", t.revocationReason());
  }
}
