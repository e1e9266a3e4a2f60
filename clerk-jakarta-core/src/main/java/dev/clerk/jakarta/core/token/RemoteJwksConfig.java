package dev.clerk.jakarta.core.token;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What a remote JWKS source needs: where the Backend API is, the secret key it authenticates with,
 * how long fetched keys are fresh, and how long a fetch may take. A {@code Clerk} derives it from
 * its options ({@code api-url}, {@code api-version}, {@code secret-key}, {@code jwks-cache-ttl-ms},
 * {@code jwks-min-refresh-interval-ms}, {@code jwks-max-staleness-ms}, {@code http-timeout-ms});
 * the token layer never reads the options themselves. {@link #toString()} never shows the secret
 * key.
 *
 * <p>Immutable and thread-safe.
 *
 * @param apiUrl the Backend API base URL without trailing slash, e.g. {@code https://api.clerk.com}
 * @param apiVersion the Backend API version path segment, e.g. {@code v1}
 * @param secretKey the secret key, sent as the Bearer
 * @param cacheTtl how long a fetched key set is fresh (positive)
 * @param minRefreshInterval the least time between two refetches for an unknown {@code kid}
 * @param maxStaleness how long the last good key set serves while refreshes fail
 * @param requestTimeout how long one fetch, its retry included, may take (positive)
 * @param clock the clock of the cache's times
 * @since 0.1
 */
public record RemoteJwksConfig(
    String apiUrl,
    String apiVersion,
    String secretKey,
    Duration cacheTtl,
    Duration minRefreshInterval,
    Duration maxStaleness,
    Duration requestTimeout,
    Clock clock) {

  /**
   * Checks the components.
   *
   * @param apiUrl the Backend API base URL
   * @param apiVersion the Backend API version path segment
   * @param secretKey the secret key
   * @param cacheTtl how long a fetched key set is fresh
   * @param minRefreshInterval the least time between two unknown-{@code kid} refetches
   * @param maxStaleness how long the last good key set serves while refreshes fail
   * @param requestTimeout how long one fetch may take
   * @param clock the clock
   * @throws NullPointerException naming a null component
   */
  public RemoteJwksConfig {
    Objects.requireNonNull(apiUrl, "apiUrl == null");
    Objects.requireNonNull(apiVersion, "apiVersion == null");
    Objects.requireNonNull(secretKey, "secretKey == null");
    Objects.requireNonNull(cacheTtl, "cacheTtl == null");
    Objects.requireNonNull(minRefreshInterval, "minRefreshInterval == null");
    Objects.requireNonNull(maxStaleness, "maxStaleness == null");
    Objects.requireNonNull(requestTimeout, "requestTimeout == null");
    Objects.requireNonNull(clock, "clock == null");
  }

  @Override
  public String toString() {
    return "RemoteJwksConfig{apiUrl="
        + apiUrl
        + ", apiVersion="
        + apiVersion
        + ", secretKey=<set>, cacheTtl="
        + cacheTtl
        + ", minRefreshInterval="
        + minRefreshInterval
        + ", maxStaleness="
        + maxStaleness
        + ", requestTimeout="
        + requestTimeout
        + "}";
  }
}
