package dev.clerk.jakarta.core.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.AcceptedTokens;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.OutageReporter;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.testing.FakeClerk;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * What the request flow keeps in memory across requests stays bounded under a flood of distinct
 * client values (sizes, not timings): remembered Backend API answers, calls in flight, causes
 * logged once. (The JWKS cache holds one key set per Clerk by construction: {@code
 * RemoteJwksSource}.)
 */
class MemoryBoundsTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final FakeClerk fake = FakeClerk.builder().production().start();
  private final Clerk clerk =
      Clerk.builder()
          .secretKey(fake.secretKey())
          .publishableKey(fake.publishableKey())
          .apiUrl(fake.apiUrl())
          .configure(o -> o.acceptsToken(AcceptedTokens.any()))
          .build();
  private final ClerkAuthServices services = TestAuthn.services(clerk);
  private final RequestAuthenticator authenticator =
      new RequestAuthenticator(TestAuthn.config(clerk.options()), services, clerk.outages());

  @AfterEach
  void close() {
    clerk.close();
    fake.close();
  }

  private static String random() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  @Test
  void authenticateWhenFloodOfDistinctUnknownTokensAndNoncesThenLookupStateStaysBounded(
      TestReporter reporter) {
    int distinct = 1100; // more than the 1024 answers remembered per lookup
    for (int i = 0; i < distinct; i++) {
      RequestState key = authenticator.authenticate(bearer("ak_" + random()));
      RequestState oauth = authenticator.authenticate(bearer("oat_" + random()));
      RequestState nonce =
          authenticator.authenticate(
              ClerkRequest.builder()
                  .url("https://app.example.com/?__clerk_handshake_nonce=" + random())
                  .header("sec-fetch-dest", "document")
                  .build());
      assertEquals(AuthStatus.SIGNED_OUT, key.status());
      assertEquals(AuthStatus.SIGNED_OUT, oauth.status());
      assertEquals(AuthStatus.SIGNED_OUT, nonce.status());
    }

    Map<String, Long> sizes = services.lookupSizes();
    for (Map.Entry<String, Long> e : sizes.entrySet()) {
      long bound =
          e.getKey().endsWith(".inFlight")
              ? BackendLookup.MAX_IN_FLIGHT
              : BackendLookup.MAX_ANSWERS;
      assertTrue(e.getValue() <= bound, e.toString());
    }
    assertTrue(sizes.get("BackendLookup{API key verification}.answers") > 0, sizes.toString());
    assertEquals(
        3L * distinct,
        fake.requestCount("/api_keys/verify")
            + fake.requestCount("/oauth_applications/access_tokens/verify")
            + fake.requestCount("/v1/clients/handshake_payload"));
    reporter.publishEntry(
        Map.of("requests", Integer.toString(3 * distinct), "sizes", sizes.toString()));
  }

  @Test
  void logWhenTenThousandDistinctCausesThenAtMostMaxKeysRemembered() {
    OutageReporter log = new OutageReporter();
    System.Logger logger = System.getLogger(MemoryBoundsTest.class.getName());
    for (int i = 0; i < 10_000; i++) {
      log.client(logger, "cause-" + i, "message");
      log.outage(logger, "outage-" + i, "message");
    }
    assertEquals(OutageReporter.MAX_CAUSES, log.reportedCauses());
    assertEquals(OutageReporter.MAX_CAUSES, log.outages().size());
  }

  private static ClerkRequest bearer(String token) {
    return ClerkRequest.builder()
        .url("https://app.example.com/api")
        .header("Authorization", "Bearer " + token)
        .build();
  }
}
