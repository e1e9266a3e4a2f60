package dev.clerk.jakarta.core.token;

import dev.clerk.jakarta.core.internal.ClerkHttpHeaders;
import dev.clerk.jakarta.core.internal.http.ClerkExecutors;
import dev.clerk.jakarta.core.internal.http.LimitedBody;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;
import org.jspecify.annotations.Nullable;

/**
 * One fetch of the Backend API's JWKS for {@link RemoteJwksSource}: the call, its time bound, its one
 * retry and the parsing.
 *
 * <p>The whole fetch, retry included, ends within the request timeout ({@code http-timeout-ms}),
 * counted from its start on the calling thread: that is the longest a request thread waits for keys.
 * A dropped connection or a 5xx answer is retried once if time is left; a timeout (the time is spent)
 * and a 429 (Clerk asks for less traffic) are not. The body is capped at {@value #MAX_RESPONSE_BYTES}
 * bytes. Thread-safe (immutable).
 */
final class JwksFetcher {
  static final int MAX_RESPONSE_BYTES = 64 * 1024;

  private static final System.Logger LOG = System.getLogger(RemoteJwksSource.class.getName());

  private final URI jwksUri;
  private final String secretKey;
  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;

  JwksFetcher(URI jwksUri, String secretKey, HttpClient http, Duration timeout, Clock clock) {
    this.jwksUri = jwksUri;
    this.secretKey = secretKey;
    this.http = http;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** {@return the key set} Fetched at most twice, within the timeout. */
  RemoteJwksSource.KeySet load() throws TokenVerificationException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      return loadOnce(deadline);
    } catch (Retryable first) {
      if (deadline - System.nanoTime() <= 0) {
        throw first.failure;
      }
      LOG.log(System.Logger.Level.DEBUG, "retrying the JWKS fetch once: {0}", first.failure.clerkMessage());
      try {
        return loadOnce(deadline);
      } catch (Retryable second) {
        throw second.failure;
      }
    }
  }

  /** Marks a failure worth one retry. */
  private static final class Retryable extends Exception {
    private static final long serialVersionUID = 1L;
    final transient TokenVerificationException failure;

    Retryable(TokenVerificationException failure) {
      super(failure.getMessage(), null, false, false);
      this.failure = failure;
    }
  }

  private RemoteJwksSource.KeySet loadOnce(long deadline) throws TokenVerificationException, Retryable {
    long left = Math.max(1, deadline - System.nanoTime());
    HttpRequest request =
        HttpRequest.newBuilder(jwksUri)
            .timeout(Duration.ofNanos(left))
            .header("Authorization", "Bearer " + secretKey)
            .header(ClerkHttpHeaders.API_VERSION_HEADER, ClerkHttpHeaders.SUPPORTED_API_VERSION)
            .header("User-Agent", ClerkHttpHeaders.USER_AGENT)
            .header("Accept", "application/json")
            .GET()
            .build();
    int status;
    byte[] body;
    if (ClerkExecutors.isClosedWorker(http.executor().orElse(null))) {
      throw failedToLoad("Error loading Clerk JWKS from " + jwksUri + ": the Clerk is closed.", null);
    }
    CompletableFuture<HttpResponse<byte[]>> pending;
    try {
      pending = http.sendAsync(request, LimitedBody.handler(MAX_RESPONSE_BYTES));
    } catch (RuntimeException e) {
      // A closed Clerk: its HttpClient's executor refuses new work.
      throw failedToLoad("Error loading Clerk JWKS from " + jwksUri + ": " + e.getClass().getSimpleName() + ".", e);
    }
    try {
      // The request timeout bounds the wait for the response headers; this wait also bounds a body
      // that trickles in, so that no request thread waits longer than the timeout.
      HttpResponse<byte[]> response = pending.get(left, TimeUnit.NANOSECONDS);
      status = response.statusCode();
      body = response.body();
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw failedToLoad("Error loading Clerk JWKS from " + jwksUri + ": HttpTimeoutException.", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (LimitedBody.TooLargeException.find(cause) != null) {
        throw failedToLoad(
            "Error loading Clerk JWKS from " + jwksUri + ": the response is larger than "
                + MAX_RESPONSE_BYTES + " bytes.", null);
      }
      TokenVerificationException failure = failedToLoad(
          "Error loading Clerk JWKS from " + jwksUri + ": " + cause.getClass().getSimpleName() + ".", cause);
      if (cause instanceof HttpTimeoutException || !(cause instanceof IOException)) {
        throw failure;
      }
      throw new Retryable(failure);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw failedToLoad("Interrupted while loading Clerk JWKS from " + jwksUri + ".", e);
    }
    if (status < 200 || status > 299) {
      String invalidKey = clerkKeyInvalidMessage(body);
      if (invalidKey != null) {
        throw new TokenVerificationException(
            TokenVerificationReason.SECRET_KEY_INVALID,
            invalidKey,
            TokenVerificationException.ACTION_CONTACT_SUPPORT);
      }
      TokenVerificationException e =
          failedToLoad("Error loading Clerk JWKS from " + jwksUri + " with code=" + status, null);
      if (status >= 500) {
        throw new Retryable(e);
      }
      throw e;
    }
    return parse(new String(body, StandardCharsets.UTF_8));
  }

  private RemoteJwksSource.KeySet parse(String json) throws TokenVerificationException {
    Map<String, Object> document;
    try {
      document = JsonUtil.parseJson(json);
    } catch (JoseException | RuntimeException e) {
      document = null;
    }
    if (document == null) {
      throw failedToLoad(
          "Error loading Clerk JWKS from " + jwksUri + ": the response is not a JSON Web Key Set.", null);
    }
    // As Clerk's SDK: a JSON object without a non-empty "keys" array (e.g. {}) has no signing keys.
    if (!(document.get("keys") instanceof List<?> rawKeys) || rawKeys.isEmpty()) {
      throw failedToLoad(
          "The JWKS endpoint did not contain any signing keys. Contact support@clerk.com.", null);
    }
    Map<String, PublicKey> keys = new LinkedHashMap<>();
    try {
      for (JsonWebKey jwk : new JsonWebKeySet(json).getJsonWebKeys()) {
        String use = jwk.getUse();
        if (jwk instanceof RsaJsonWebKey rsa
            && jwk.getKeyId() != null
            && (use == null || use.equals("sig"))) {
          keys.putIfAbsent(jwk.getKeyId(), rsa.getRsaPublicKey());
        }
      }
    } catch (JoseException | RuntimeException e) {
      throw failedToLoad(
          "Error loading Clerk JWKS from " + jwksUri + ": the response is not a JSON Web Key Set.", null);
    }
    return new RemoteJwksSource.KeySet(Map.copyOf(keys), clock.millis());
  }

  private static @Nullable String clerkKeyInvalidMessage(byte[] body) {
    try {
      Map<String, Object> json = JsonUtil.parseJson(new String(body, StandardCharsets.UTF_8));
      if (json != null && json.get("errors") instanceof List<?> errors) {
        for (Object o : errors) {
          if (o instanceof Map<?, ?> error && "clerk_key_invalid".equals(error.get("code"))) {
            return error.get("message") instanceof String m ? m : "The secret key is invalid.";
          }
        }
      }
    } catch (JoseException | RuntimeException e) {
      // Not Clerk's error JSON: reported as a load failure with the status code.
      return null;
    }
    return null;
  }

  static TokenVerificationException failedToLoad(String message, @Nullable Throwable cause) {
    return new TokenVerificationException(
        TokenVerificationReason.JWK_REMOTE_FAILED_TO_LOAD,
        message,
        TokenVerificationException.ACTION_CONTACT_SUPPORT,
        cause);
  }
}
