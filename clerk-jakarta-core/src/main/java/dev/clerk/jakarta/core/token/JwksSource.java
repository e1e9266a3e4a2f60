package dev.clerk.jakarta.core.token;

import dev.clerk.jakarta.core.internal.Telemetry;
import java.net.http.HttpClient;
import java.security.PublicKey;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Where verification keys come from: the Backend API's JWKS (fetched with the secret key, cached)
 * or a PEM public key configured locally (networkless).
 *
 * <p>Use {@link #select} to get the source Clerk's SDK would use for a configuration, or {@link
 * #pem} and {@link #remote} directly.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface JwksSource {
  /**
   * Finds the key for a token's {@code kid}.
   *
   * @param kid the token's {@code kid} header, or null when it has none (a PEM source ignores it)
   * @return the RSA public key
   * @throws TokenVerificationException with {@code jwk-kid-mismatch}, {@code
   *     jwk-remote-failed-to-load}, {@code secret-key-invalid}, {@code jwk-failed-to-resolve} or
   *     {@code jwk-local-missing}
   */
  PublicKey key(@Nullable String kid) throws TokenVerificationException;

  /**
   * {@return a networkless source with one RSA public key} The token's {@code kid} is ignored, as
   * in Clerk's SDK.
   *
   * @param pem a PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo), with or without the {@code
   *     -----BEGIN PUBLIC KEY-----} lines
   * @throws IllegalArgumentException naming {@code CLERK_JWT_KEY}, without echoing the key, when it
   *     is not an RSA public key of at least 2048 bits
   */
  static JwksSource pem(String pem) {
    Objects.requireNonNull(pem, "pem == null");
    return PemKeySource.parse(pem);
  }

  /**
   * {@return a source that fetches {@code {apiUrl}/{apiVersion}/jwks} with the secret key and
   * caches it for this Clerk instance} See {@link RemoteJwksConfig#cacheTtl()}, {@link
   * RemoteJwksConfig#minRefreshInterval()}, {@link RemoteJwksConfig#maxStaleness()} and {@link
   * RemoteJwksConfig#requestTimeout()} for its behaviour. The refresh ahead of expiry runs on the
   * thread of the lookup that finds the keys due (other lookups meanwhile use the current keys);
   * use {@link #remote(RemoteJwksConfig, HttpClient, Executor)} to run it elsewhere.
   *
   * @param config where the JWKS is and how it is cached
   * @param http the HTTP client (its connect timeout applies)
   */
  static JwksSource remote(RemoteJwksConfig config, HttpClient http) {
    return remote(config, http, Runnable::run);
  }

  /**
   * {@return {@link #remote(RemoteJwksConfig, HttpClient)} whose refresh ahead of expiry runs on
   * {@code refresher}} A {@code Clerk} passes its own worker threads; no JDK-global pool is ever
   * used.
   *
   * @param config where the JWKS is and how it is cached
   * @param http the HTTP client (its connect timeout applies)
   * @param refresher runs background refreshes; when it rejects one, a later lookup refreshes
   *     inline
   */
  static JwksSource remote(RemoteJwksConfig config, HttpClient http, Executor refresher) {
    Objects.requireNonNull(config, "config == null");
    Objects.requireNonNull(http, "http == null");
    Objects.requireNonNull(refresher, "refresher == null");
    return new RemoteJwksSource(config, http, refresher);
  }

  /**
   * {@return the source Clerk's SDK would use} The PEM key ({@code CLERK_JWT_KEY}) when set, else
   * the Backend API's JWKS when there is a remote configuration (a secret key is set), else a
   * source that fails every lookup with {@code jwk-failed-to-resolve}.
   *
   * @param pem the PEM public key, or null
   * @param remote the remote JWKS configuration, or null when there is no secret key
   * @param http the HTTP client for the remote source
   * @param refresher runs background refreshes of a remote source
   * @throws IllegalArgumentException naming {@code CLERK_JWT_KEY} when the PEM key is malformed
   */
  static JwksSource select(
      @Nullable String pem,
      @Nullable RemoteJwksConfig remote,
      HttpClient http,
      Executor refresher) {
    return select(pem, remote, http, refresher, Telemetry.OFF);
  }

  /**
   * {@return {@link #select(String, RemoteJwksConfig, HttpClient, Executor)} whose remote fetches
   * are reported to {@code telemetry}} A {@code Clerk} passes its event publisher (not API).
   *
   * @param pem the PEM public key, or null
   * @param remote the remote JWKS configuration, or null when there is no secret key
   * @param http the HTTP client for the remote source
   * @param refresher runs background refreshes of a remote source
   * @param telemetry where each fetch of a remote source is reported
   * @throws IllegalArgumentException naming {@code CLERK_JWT_KEY} when the PEM key is malformed
   */
  // Wiring inside this module: Telemetry is not exported, so no other module can call this
  // overload.
  @SuppressWarnings("exports")
  static JwksSource select(
      @Nullable String pem,
      @Nullable RemoteJwksConfig remote,
      HttpClient http,
      Executor refresher,
      Telemetry telemetry) {
    Objects.requireNonNull(http, "http == null");
    Objects.requireNonNull(refresher, "refresher == null");
    Objects.requireNonNull(telemetry, "telemetry == null");
    if (pem != null) {
      return pem(pem);
    }
    if (remote != null) {
      return new RemoteJwksSource(remote, http, refresher, RemoteJwksSource.LOG, telemetry);
    }
    return UnresolvableKeySource.INSTANCE;
  }
}
