package dev.clerk.jakarta.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.auth.AcceptedTokens;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.token.JwksSource;
import dev.clerk.jakarta.core.token.TokenVerificationException;
import dev.clerk.jakarta.core.token.TokenVerificationReason;
import dev.clerk.jakarta.testing.FakeKey;
import java.net.http.HttpClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The key source a {@link Clerk} wires for its options (formerly {@code JwksSource.forOptions}).
 */
class ClerkJwksSourceTest {
  private static final String PK = "pk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA";
  private static FakeKey key;
  private static HttpClient http;

  @BeforeAll
  static void setUp() throws Exception {
    key = FakeKey.generate("ins_test");
    http = HttpClient.newHttpClient();
  }

  @Test
  void jwksSourceWhenJwtKeySetThenPemEvenWithASecretKey() throws Exception {
    ClerkOptions options =
        ClerkOptions.builder()
            .jwtKey(key.publicKeyPem())
            .secretKey("sk_test_abc")
            .publishableKey(PK)
            .build();
    JwksSource source = ClerkWiring.jwksSource(options, http, Runnable::run);
    assertEquals(key.publicKey(), source.key("whatever"));
    assertEquals("JwksSource.pem(RSA 2048 bits)", source.toString());
  }

  @Test
  void jwksSourceWhenOnlySecretKeyThenRemote() {
    ClerkOptions options =
        ClerkOptions.builder().secretKey("sk_test_abc").publishableKey(PK).build();
    JwksSource source = ClerkWiring.jwksSource(options, http, Runnable::run);
    assertTrue(
        source
            .toString()
            .startsWith("JwksSource.remote(https://api.clerk.com/v1 (secret key sha256 "),
        source.toString());
    assertFalse(source.toString().contains("sk_test_abc"));
  }

  @Test
  void jwksSourceWhenNeitherKeyThenEveryLookupFailsToResolve() {
    ClerkOptions options =
        ClerkOptions.builder()
            .acceptsToken(AcceptedTokens.of(TokenType.M2M_TOKEN))
            .machineSecretKey("ak_machine")
            .build();
    JwksSource source = ClerkWiring.jwksSource(options, http, Runnable::run);
    TokenVerificationException e =
        assertThrows(TokenVerificationException.class, () -> source.key("ins_1"));
    assertEquals(TokenVerificationReason.JWK_FAILED_TO_RESOLVE, e.reason());
    assertEquals("Failed to resolve JWK during verification.", e.clerkMessage());
    assertEquals("Set the CLERK_JWT_KEY environment variable.", e.action());
  }

  @Test
  void jwksSourceWhenJwtKeyMalformedThenFailsAtConfigurationTime() {
    ClerkOptions options =
        ClerkOptions.builder()
            .jwtKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")
            .publishableKey(PK)
            .build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClerkWiring.jwksSource(options, http, Runnable::run));
    assertTrue(
        e.getMessage()
            .startsWith("CLERK_JWT_KEY (init-param jwt-key) is not a valid PEM public key"),
        e.getMessage());
  }
}
