package dev.clerk.jakarta.core;

import dev.clerk.jakarta.core.authn.AuthnConfig;
import dev.clerk.jakarta.core.backend.BackendApi;
import dev.clerk.jakarta.core.events.EventPublisher;
import dev.clerk.jakarta.core.internal.Telemetry;
import dev.clerk.jakarta.core.internal.http.ClerkExecutors;
import dev.clerk.jakarta.core.token.JwksSource;
import dev.clerk.jakarta.core.token.SessionTokenVerifier;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link Clerk} wires its parts from its {@link ClerkOptions}: the key source, the
 * session-token verifier, the request flow's settings and the Backend API client, each as values of
 * its own layer (lower layers never see {@code ClerkOptions}); and the clean-up after a failed
 * construction. Static methods only; stateless and thread-safe.
 */
final class ClerkWiring {
  private ClerkWiring() {}

  /**
   * The key source Clerk's SDK would use: the PEM key when set, else the Backend API's JWKS when a
   * secret key is set, else one that fails every lookup with {@code jwk-failed-to-resolve}.
   */
  static JwksSource jwksSource(ClerkOptions options, HttpClient http, Executor refresher) {
    return jwksSource(options, http, refresher, Telemetry.OFF);
  }

  /** {@link #jwksSource(ClerkOptions, HttpClient, Executor)}, its fetches reported. */
  static JwksSource jwksSource(
      ClerkOptions options, HttpClient http, Executor refresher, Telemetry telemetry) {
    return JwksSource.select(
        options.jwtKey(),
        options.secretKey() == null ? null : options.remoteJwksConfig(),
        http,
        refresher,
        telemetry);
  }

  /**
   * The session-token verifier of the options' rules (authorized parties, audience, clock skew,
   * clock, verified-token cache) on {@code keys}; {@code worker} runs its cache's maintenance.
   */
  static SessionTokenVerifier sessionTokenVerifier(
      ClerkOptions options, JwksSource keys, Executor worker) {
    return SessionTokenVerifier.builder()
        .keySource(keys)
        .authorizedParties(options.authorizedParties())
        .audience(options.audience())
        .clockSkew(options.clockSkew())
        .clock(options.clock())
        .tokenCache(options.tokenCacheSize(), worker)
        .build();
  }

  /** The request flow's settings, as values of its own layer. */
  static AuthnConfig authnConfig(ClerkOptions options) {
    PublishableKey pk = options.publishableKey();
    return new AuthnConfig(
        pk == null ? null : pk.value(),
        pk == null ? null : pk.frontendApi(),
        pk == null ? null : pk.cookieSuffix(),
        pk != null && pk.instanceType() == InstanceType.DEVELOPMENT,
        options.domain(),
        options.isSatellite(),
        options.satelliteAutoSync(),
        options.proxyUrl(),
        options.signInUrl(),
        options.signUpUrl(),
        options.allowedRedirectOrigins(),
        options.forwardedHeaders() == ForwardedHeaders.TRUST,
        options.acceptsToken(),
        options.organizationPatterns(),
        options.personalAccountPatterns(),
        options.handshakeMode() == HandshakeMode.INTERSTITIAL,
        options.machineSecretKey(),
        options.requestTimeout(),
        options.clock());
  }

  /**
   * A Backend API client from the options (secret key when set, API URL and version, request
   * timeout) on {@code http}, its calls reported to {@code telemetry}.
   */
  static BackendApi backendApi(ClerkOptions options, HttpClient http, Telemetry telemetry) {
    BackendApi.Builder b =
        BackendApi.builder()
            .apiUrl(options.apiUrl())
            .apiVersion(options.apiVersion())
            .timeout(options.requestTimeout())
            .httpClient(http)
            .telemetry(telemetry);
    String secretKey = options.secretKey();
    if (secretKey != null) {
      b.secretKey(secretKey);
    }
    return b.build();
  }

  /**
   * Closes what a failed construction created, newest first: the executors (threads; on Java 21+
   * the {@link HttpClient} made on them), then the events (their JFR registration would pin the
   * application's classes). A failure to close is suppressed by {@code failure}.
   */
  static void closeAfterFailure(
      Throwable failure, @Nullable ClerkExecutors executors, EventPublisher events) {
    for (Runnable close :
        List.<Runnable>of(
            () -> {
              if (executors != null) executors.close();
            },
            events::close)) {
      try {
        close.run();
      } catch (RuntimeException | Error e) {
        failure.addSuppressed(e);
      }
    }
  }
}
