package dev.clerk.jakarta.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clerk.jakarta.testing.FakeKey;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JwksSourceTest {
  private static final String PK = "pk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA";
  private static FakeKey key;
  private static HttpClient http;

  @BeforeAll
  static void generate() {
    key = FakeKey.generate("ins_test");
    http = HttpClient.newHttpClient();
  }

  /** The base64 lines of a PEM (every line that is not a {@code -----} line). */
  private static String body(String pem) {
    return pem.lines()
        .filter(l -> !l.startsWith("-----"))
        .collect(java.util.stream.Collectors.joining("\n"))
        .strip();
  }

  private static String pemOf(PublicKey k) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(k.getEncoded())
        + "\n-----END PUBLIC KEY-----";
  }

  private static String invalidPem(String pem) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JwksSource.pem(pem));
    String b = body(pem);
    if (b.length() > 8) {
      assertFalse(
          e.getMessage().contains(b.substring(0, 8)), "the key is never echoed: " + e.getMessage());
    }
    return e.getMessage();
  }

  @Test
  void pemWhenWithHeaderLinesThenParsesTheRsaKey() throws Exception {
    JwksSource source = JwksSource.pem(key.publicKeyPem());
    assertEquals(key.publicKey(), source.key("ins_test"));
    assertEquals("JwksSource.pem(RSA 2048 bits)", source.toString());
  }

  @Test
  void pemWhenBodyOnlyOnOneLineThenParses() throws Exception {
    String oneLine = body(key.publicKeyPem()).replace("\n", "");
    assertEquals(key.publicKey(), JwksSource.pem(oneLine).key(null));
  }

  @Test
  void pemWhenBodyOnlyOnSeveralLinesThenParses() throws Exception {
    assertEquals(key.publicKey(), JwksSource.pem(body(key.publicKeyPem())).key(null));
  }

  @Test
  void pemWhenNewlinesAreEscapedAsInEnvironmentVariablesThenParses() throws Exception {
    String escaped = key.publicKeyPem().strip().replace("\n", "\\n");
    assertEquals(key.publicKey(), JwksSource.pem(escaped).key(null));
  }

  @Test
  void pemWhenCrLfAndSurroundingSpaceThenParses() throws Exception {
    String crlf = "  " + key.publicKeyPem().replace("\n", "\r\n") + "\r\n ";
    assertEquals(key.publicKey(), JwksSource.pem(crlf).key(null));
  }

  @Test
  void keyWhenAnyKidThenThePemKeyAsClerkIgnoresTheKid() throws Exception {
    JwksSource source = JwksSource.pem(key.publicKeyPem());
    assertSame(source.key("ins_a"), source.key("ins_b"));
    assertSame(source.key(null), source.key("ins_a"));
  }

  @Test
  void pemWhenNotBase64ThenFailsNamingTheSetting() {
    assertEquals(
        "CLERK_JWT_KEY (init-param jwt-key) is not a valid PEM public key: the key is not base64.",
        invalidPem("this is not a key!"));
  }

  @Test
  void pemWhenBase64ButNotSpkiThenFails() {
    assertEquals(
        "CLERK_JWT_KEY (init-param jwt-key) is not a valid PEM public key: the key is not an RSA"
            + " SubjectPublicKeyInfo.",
        invalidPem(
            Base64.getEncoder()
                .encodeToString("definitely not DER".getBytes(StandardCharsets.US_ASCII))));
  }

  @Test
  void pemWhenEcKeyThenFails() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(256);
    assertEquals(
        "CLERK_JWT_KEY (init-param jwt-key) is not a valid PEM public key: the key is not an RSA"
            + " SubjectPublicKeyInfo.",
        invalidPem(pemOf(gen.generateKeyPair().getPublic())));
  }

  @Test
  void pemWhenRsaKeyShorterThan2048BitsThenFails() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(1024);
    assertEquals(
        "CLERK_JWT_KEY (init-param jwt-key) is not a valid PEM public key: the RSA key is shorter than 2048 bits.",
        invalidPem(pemOf(gen.generateKeyPair().getPublic())));
  }

  @Test
  void pemWhenOnlyTheHeaderLineThenFails() {
    String truncated = key.publicKeyPem().replace("-----END PUBLIC KEY-----", "");
    assertEquals(
        "CLERK_JWT_KEY (init-param jwt-key) is not a valid PEM public key: the PEM header and footer lines do not"
            + " match.",
        invalidPem(truncated));
  }

  @Test
  void pemWhenPkcs1RsaPublicKeyBlockThenFails() {
    String pkcs1 =
        key.publicKeyPem()
            .replace("BEGIN PUBLIC KEY", "BEGIN RSA PUBLIC KEY")
            .replace("END PUBLIC KEY", "END RSA PUBLIC KEY");
    assertEquals(
        "CLERK_JWT_KEY (init-param jwt-key) is not a valid PEM public key: expected one -----BEGIN PUBLIC KEY-----"
            + " block (X.509 SubjectPublicKeyInfo).",
        invalidPem(pkcs1));
  }

  @Test
  void pemWhenEmptyBodyThenFails() {
    assertEquals(
        "CLERK_JWT_KEY (init-param jwt-key) is not a valid PEM public key: the key is empty.",
        invalidPem("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----"));
  }
}
