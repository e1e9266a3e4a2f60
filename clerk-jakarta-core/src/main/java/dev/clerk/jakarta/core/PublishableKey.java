package dev.clerk.jakarta.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A parsed Clerk publishable key ({@code pk_test_…} or {@code pk_live_…}): the instance type and
 * the Frontend API host it encodes.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>
 * PublishableKey key = PublishableKey.parse("pk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA");
 * key.frontendApi();  // "clerk.inspired.puma-74.lcl.dev"
 * key.instanceType(); // DEVELOPMENT
 * </pre>
 *
 * @since 0.1
 */
public final class PublishableKey {
  private static final String PREFIX_LIVE = "pk_live_";
  private static final String PREFIX_TEST = "pk_test_";

  /**
   * Clerk's sentences end with key-setup guidance; ours names the Java configuration instead of
   * npx.
   */
  static final String HELP =
      "\n\nSet CLERK_PUBLISHABLE_KEY (init-param publishable-key), or copy keys from"
          + " https://dashboard.clerk.com/~/api-keys.";

  private final String value;
  private final InstanceType instanceType;
  private final String frontendApi;
  private final String cookieSuffix;

  private PublishableKey(String value, InstanceType instanceType, String frontendApi) {
    this.value = value;
    this.instanceType = instanceType;
    this.frontendApi = frontendApi;
    this.cookieSuffix = computeCookieSuffix(value);
  }

  /**
   * Parses a publishable key with the validation of Clerk's {@code parsePublishableKey(key, {fatal:
   * true})}.
   *
   * @param key the key, e.g. {@code pk_test_Y2xlcmsuZXhhbXBsZS5jb20k}
   * @return the parsed key
   * @throws IllegalArgumentException with Clerk's message when the key is missing or malformed
   */
  public static PublishableKey parse(@Nullable String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("Publishable key is missing." + HELP);
    }
    if (!isPublishableKey(key)) {
      throw new IllegalArgumentException(
          "Publishable key not valid (expected format: pk_test_... or pk_live_...)." + HELP);
    }
    InstanceType type =
        key.startsWith(PREFIX_LIVE) ? InstanceType.PRODUCTION : InstanceType.DEVELOPMENT;
    String decoded = decode(key.split("_", -1)[2]);
    if (decoded == null) {
      throw new IllegalArgumentException("Publishable key not valid: Failed to decode key." + HELP);
    }
    if (!hasValidDecodedFormat(decoded)) {
      throw new IllegalArgumentException(
          "Publishable key not valid: Decoded key has invalid format." + HELP);
    }
    return new PublishableKey(key, type, decoded.substring(0, decoded.length() - 1));
  }

  /**
   * {@return whether {@code key} is a well-formed publishable key} Never throws.
   *
   * @param key any string
   */
  public static boolean isPublishableKey(@Nullable String key) {
    if (key == null || !(key.startsWith(PREFIX_LIVE) || key.startsWith(PREFIX_TEST))) {
      return false;
    }
    String[] parts = key.split("_", -1);
    if (parts.length != 3 || parts[2].isEmpty()) {
      return false;
    }
    String decoded = decode(parts[2]);
    return decoded != null && hasValidDecodedFormat(decoded);
  }

  private static boolean hasValidDecodedFormat(String decoded) {
    // Ends with exactly one '$', no other '$', and the host before it contains a dot.
    if (!decoded.endsWith("$") || decoded.indexOf('$') != decoded.length() - 1) {
      return false;
    }
    return decoded.substring(0, decoded.length() - 1).contains(".");
  }

  private static @Nullable String decode(String b64) {
    String padded = b64;
    while (padded.length() % 4 != 0) {
      padded += "=";
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(padded);
      return new String(bytes, StandardCharsets.ISO_8859_1);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Builds the publishable key of a Frontend API host, as Clerk does.
   *
   * @param type the instance type
   * @param frontendApi the Frontend API host, e.g. {@code clerk.example.com}
   * @return the key
   */
  public static PublishableKey of(InstanceType type, String frontendApi) {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(frontendApi, "frontendApi == null");
    String b64 =
        Base64.getEncoder()
            .withoutPadding()
            .encodeToString((frontendApi + "$").getBytes(StandardCharsets.ISO_8859_1));
    return parse((type.isProduction() ? PREFIX_LIVE : PREFIX_TEST) + b64);
  }

  /** {@return the key as given} Publishable keys are public; this is safe to log. */
  public String value() {
    return value;
  }

  /** {@return {@code PRODUCTION} for {@code pk_live_}, otherwise {@code DEVELOPMENT}} */
  public InstanceType instanceType() {
    return instanceType;
  }

  /** {@return the Frontend API host encoded in the key, e.g. {@code clerk.example.com}} */
  public String frontendApi() {
    return frontendApi;
  }

  /**
   * {@return the suffix of this instance's cookies} The first 8 characters of the URL-safe base64
   * of the SHA-1 of the whole key, as in {@code __session_<suffix>}.
   */
  public String cookieSuffix() {
    return cookieSuffix;
  }

  private static String computeCookieSuffix(String key) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(key.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().encodeToString(sha1).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java platform", e);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PublishableKey other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
