package dev.clerk.jakarta.core.authn;

import dev.clerk.jakarta.core.auth.AcceptedTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The settings the request flow reads, as plain values: the façade ({@code Clerk}) derives them
 * from its options once, so that this layer never imports the options or the façade. The
 * publishable key is given parsed (its value, Frontend API, cookie suffix and whether it is a
 * development key). Immutable and thread-safe.
 *
 * @param publishableKey the publishable key as configured, or null for machine-only configurations
 * @param frontendApi the publishable key's Frontend API host, or null without a key
 * @param cookieSuffix the publishable key's cookie suffix, or null without a key
 * @param development whether the publishable key is a development key (false without a key)
 * @param domain the satellite domain, or null
 * @param satellite whether this application is a satellite
 * @param satelliteAutoSync whether a satellite without cookies syncs with a handshake
 * @param proxyUrl the Frontend API proxy URL (absolute or a path), or null
 * @param signInUrl the sign-in URL, or null
 * @param signUpUrl the sign-up URL, or null
 * @param allowedRedirectOrigins further origins that may receive the development browser token
 * @param trustForwardedHeaders whether {@code X-Forwarded-*} name the public URL
 * @param acceptedTokens the accepted token types
 * @param organizationPatterns organization-sync patterns that activate an organization
 * @param personalAccountPatterns organization-sync patterns that activate the personal account
 * @param interstitialHandshake whether handshakes are answered with the interstitial page
 * @param machineSecretKey the Bearer for M2M token verification, or null for the secret key
 * @param requestTimeout the longest a request waits for a call to Clerk
 * @param clock the clock of the request flow
 * @since 0.1
 */
public record AuthnConfig(
    @Nullable String publishableKey,
    @Nullable String frontendApi,
    @Nullable String cookieSuffix,
    boolean development,
    @Nullable String domain,
    boolean satellite,
    boolean satelliteAutoSync,
    @Nullable String proxyUrl,
    @Nullable String signInUrl,
    @Nullable String signUpUrl,
    List<String> allowedRedirectOrigins,
    boolean trustForwardedHeaders,
    AcceptedTokens acceptedTokens,
    List<String> organizationPatterns,
    List<String> personalAccountPatterns,
    boolean interstitialHandshake,
    @Nullable String machineSecretKey,
    Duration requestTimeout,
    Clock clock) {

  /**
   * Checks and copies the components.
   *
   * @param publishableKey the publishable key
   * @param frontendApi the key's Frontend API
   * @param cookieSuffix the key's cookie suffix
   * @param development whether the key is a development key
   * @param domain the satellite domain
   * @param satellite whether a satellite
   * @param satelliteAutoSync whether a satellite syncs without cookies
   * @param proxyUrl the proxy URL
   * @param signInUrl the sign-in URL
   * @param signUpUrl the sign-up URL
   * @param allowedRedirectOrigins further redirect origins
   * @param trustForwardedHeaders whether forwarded headers are trusted
   * @param acceptedTokens the accepted token types
   * @param organizationPatterns organization patterns
   * @param personalAccountPatterns personal-account patterns
   * @param interstitialHandshake whether handshakes use the interstitial
   * @param machineSecretKey the machine secret key
   * @param requestTimeout the request timeout
   * @param clock the clock
   * @throws NullPointerException naming a null component that may not be null
   * @throws IllegalArgumentException when a publishable key comes without its Frontend API and
   *     suffix
   */
  public AuthnConfig {
    Objects.requireNonNull(acceptedTokens, "acceptedTokens == null");
    Objects.requireNonNull(requestTimeout, "requestTimeout == null");
    Objects.requireNonNull(clock, "clock == null");
    allowedRedirectOrigins = List.copyOf(allowedRedirectOrigins);
    organizationPatterns = List.copyOf(organizationPatterns);
    personalAccountPatterns = List.copyOf(personalAccountPatterns);
    if (publishableKey != null && (frontendApi == null || cookieSuffix == null)) {
      throw new IllegalArgumentException(
          "a publishable key needs its frontend API and cookie suffix");
    }
  }

  @Override
  public String toString() {
    // Secrets never shown: the machine secret key only as set or unset.
    return "AuthnConfig{publishableKey="
        + publishableKey
        + ", development="
        + development
        + ", domain="
        + domain
        + ", satellite="
        + satellite
        + ", proxyUrl="
        + proxyUrl
        + ", signInUrl="
        + signInUrl
        + ", acceptedTokens="
        + acceptedTokens
        + ", machineSecretKey="
        + (machineSecretKey == null ? "unset" : "<set>")
        + "}";
  }
}
