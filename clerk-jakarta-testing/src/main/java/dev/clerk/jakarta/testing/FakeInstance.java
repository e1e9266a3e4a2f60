package dev.clerk.jakarta.testing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The identity of a {@link FakeClerk}: the secret key it accepts, the Frontend API host its
 * publishable key encodes, whether it is a production instance, and what derives from them. {@link
 * #toString()} leaves the secret key out.
 *
 * <p>Immutable; thread-safe.
 *
 * @param secretKey the secret key ({@code sk_test_…}, {@code sk_live_…})
 * @param frontendApi the Frontend API host
 * @param production whether it is a production instance ({@code pk_live_})
 */
record FakeInstance(String secretKey, String frontendApi, boolean production) {
  /**
   * {@return the identity with the keys given, and random ones shaped like Clerk's for those not
   * given}
   *
   * @param secretKey the secret key, or null for a random one
   * @param frontendApi the Frontend API host, or null for a random one
   * @param production whether it is a production instance
   */
  static FakeInstance of(
      @Nullable String secretKey, @Nullable String frontendApi, boolean production) {
    return new FakeInstance(
        secretKey != null ? secretKey : (production ? "sk_live_" : "sk_test_") + random(24),
        frontendApi != null
            ? frontendApi
            : (production
                ? "clerk.fake-" + random(4).toLowerCase(Locale.ROOT) + ".test"
                : "fake-clerk-" + (10 + new SecureRandom().nextInt(89)) + ".clerk.accounts.dev"),
        production);
  }

  /** {@return the publishable key of {@link #frontendApi()}} */
  String publishableKey() {
    return (production ? "pk_live_" : "pk_test_")
        + Base64.getEncoder()
            .withoutPadding()
            .encodeToString((frontendApi + "$").getBytes(StandardCharsets.ISO_8859_1));
  }

  /** {@return the issuer of minted tokens: {@code https://<frontendApi>}} */
  String issuer() {
    return "https://" + frontendApi;
  }

  /** {@return {@code bytes} random hex digits} */
  static String random(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b).substring(0, bytes);
  }

  @Override
  public String toString() {
    return "FakeInstance[" + frontendApi + (production ? ", production" : "") + "]";
  }
}
