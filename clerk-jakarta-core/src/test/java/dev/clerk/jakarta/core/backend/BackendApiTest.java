package dev.clerk.jakarta.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.internal.ClerkHttpHeaders;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.RecordedRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackendApiTest {
  private final FakeClerk fake = FakeClerk.start();

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void requestWhenSentThenCarriesClerkHeaders() throws Exception {
    fake.putHandshakePayload("n", "a=b");
    BackendApi api =
        BackendApi.builder().apiUrl(fake.apiUrl() + "/").secretKey(fake.secretKey()).build();

    api.clients().handshakePayload("n");

    RecordedRequest r = fake.requests().get(0);
    assertEquals("/v1/clients/handshake_payload", r.path());
    assertEquals("Bearer " + fake.secretKey(), r.header("Authorization"));
    assertEquals("2026-05-12", r.header("Clerk-API-Version"));
    assertEquals(ClerkHttpHeaders.USER_AGENT, r.header("User-Agent"));
    assertEquals("application/json", r.header("Accept"));
  }

  @Test
  void clerkBackendApiWhenCalledTwiceThenOneClientSharingClerksHttpClient() {
    Clerk clerk =
        Clerk.builder()
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(fake.apiUrl())
            .build();

    BackendApi api = clerk.backendApi();

    assertSame(api, clerk.backendApi());
    assertSame(clerk.httpClient(), api.httpClient());
    assertEquals(fake.apiUrl(), api.apiUrl());
    assertEquals("v1", api.apiVersion());
    assertEquals(clerk.options().requestTimeout(), api.timeout());
  }

  @Test
  void clerkBackendApiWhenUsedThenTalksToConfiguredApi() throws Exception {
    fake.registerApiKey("ak_1", "user_1");
    Clerk clerk =
        Clerk.builder()
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(fake.apiUrl())
            .build();

    assertEquals("user_1", clerk.backendApi().apiKeys().verify("ak_1").subject());
  }

  @Test
  void withRetryPolicyWhenCalledThenViewWithOwnPolicySameConnections() {
    BackendApi api = BackendApi.builder().secretKey("sk_test_x").build();

    BackendApi view = api.withRetryPolicy(RetryPolicy.none()).withTimeout(Duration.ofMillis(250));

    assertEquals(RetryPolicy.defaults(), api.retryPolicy());
    assertEquals(RetryPolicy.none(), view.retryPolicy());
    assertEquals(Duration.ofMillis(250), view.timeout());
    assertEquals(BackendApi.DEFAULT_TIMEOUT, api.timeout());
    assertSame(api.httpClient(), view.httpClient());
  }

  @Test
  void builderWhenDefaultsThenClerkProduction() {
    BackendApi api = BackendApi.builder().build();

    assertEquals("https://api.clerk.com", api.apiUrl());
    assertEquals("v1", api.apiVersion());
  }

  @Test
  void builderWhenApiUrlNotHttpThenMessageNamesIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BackendApi.builder().apiUrl("ftp://x"));

    assertEquals("api url must be an absolute http(s) URL, got \"ftp://x\"", e.getMessage());
  }

  @Test
  void builderWhenApiVersionHasSlashThenRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BackendApi.builder().apiVersion("v1/x"));

    assertEquals("api version must be a single path segment, got \"v1/x\"", e.getMessage());
  }

  @Test
  void builderWhenSecretKeySetTwiceThenRefused() {
    BackendApi.Builder b = BackendApi.builder().secretKey("sk_test_a");

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> b.secretKey("sk_test_b"));

    assertEquals("secretKey was already set", e.getMessage());
  }

  @Test
  void builderWhenSecretKeyHasSpaceThenMessageDoesNotEchoIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> BackendApi.builder().secretKey("sk_test_a b"));

    assertEquals("secret key contains whitespace or control characters", e.getMessage());
  }

  @Test
  void builderWhenTimeoutZeroThenRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> BackendApi.builder().timeout(Duration.ZERO));

    assertEquals("timeout must be positive, got PT0S", e.getMessage());
  }

  @Test
  void builderWhenConnectTimeoutWithHttpClientThenRefused() {
    BackendApi.Builder b =
        BackendApi.builder()
            .httpClient(java.net.http.HttpClient.newHttpClient())
            .connectTimeout(Duration.ofSeconds(1));

    IllegalStateException e = assertThrows(IllegalStateException.class, b::build);

    assertEquals(
        "connectTimeout and executor apply only when no httpClient is given", e.getMessage());
  }

  @Test
  void toStringWhenCalledThenNoSecretKey() {
    BackendApi api = BackendApi.builder().secretKey("sk_test_very_secret").build();

    assertFalse(api.toString().contains("sk_test_very_secret"), api.toString());
  }

  @Test
  void jwksWhenCalledThenRawJsonAsServed() throws Exception {
    BackendApi api = BackendApi.builder().apiUrl(fake.apiUrl()).secretKey(fake.secretKey()).build();

    assertEquals(fake.jwksJson(), api.jwks());
    assertEquals(fake.jwksJson(), api.jwksAsync().get());
    assertEquals(2, fake.jwksRequestCount());
  }

  @Test
  void publicInterstitialWhenParamsGivenThenHtmlWithoutAuthorization() throws Exception {
    BackendApi api = BackendApi.builder().apiUrl(fake.apiUrl()).secretKey(fake.secretKey()).build();
    java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
    params.put("publishable_key", fake.publishableKey());
    params.put("sign_in_url", "https://app.example.com/sign-in");

    String html = api.publicInterstitial(params);

    org.junit.jupiter.api.Assertions.assertTrue(
        html.contains("data-publishable-key=\"" + fake.publishableKey() + "\""), html);
    RecordedRequest r = fake.requests("/v1/public/interstitial").get(0);
    assertEquals(null, r.header("Authorization"));
    assertEquals("text/html", r.header("Accept"));
    assertEquals(
        "publishable_key="
            + fake.publishableKey()
            + "&sign_in_url=https%3A%2F%2Fapp.example.com%2Fsign-in",
        r.rawQuery());
  }

  @Test
  void publicInterstitialWhenNoKeyThen400() {
    BackendApi api = BackendApi.builder().apiUrl(fake.apiUrl()).build();

    ClerkApiException e =
        assertThrows(ClerkApiException.class, () -> api.publicInterstitial(java.util.Map.of()));

    assertEquals("missing_publishable_key", e.code());
  }

  @Test
  void sharedClientWhenManyConcurrentCallsThenAllAnsweredCorrectly() throws Exception {
    BackendApi api = BackendApi.builder().apiUrl(fake.apiUrl()).secretKey(fake.secretKey()).build();
    java.util.List<java.util.concurrent.CompletableFuture<ApiKey>> futures =
        new java.util.ArrayList<>();
    for (int i = 0; i < 32; i++) {
      fake.registerApiKey("ak_" + i, "user_" + i);
    }
    for (int i = 0; i < 32; i++) {
      futures.add(api.apiKeys().verifyAsync("ak_" + i));
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.List<java.util.concurrent.Future<String>> sync = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        sync.add(pool.submit(() -> api.apiKeys().verify("ak_" + n).subject()));
      }
      for (int i = 0; i < 8; i++) {
        assertEquals("user_" + i, sync.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < 32; i++) {
      assertEquals("user_" + i, futures.get(i).get().subject());
    }
    assertEquals(40, fake.requestCount("/api_keys/verify"));
  }
}
