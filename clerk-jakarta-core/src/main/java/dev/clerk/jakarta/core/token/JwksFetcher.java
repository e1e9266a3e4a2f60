package dev.clerk.jakarta.core.token;

import dev.clerk.jakarta.core.internal.http.Deadline;
import dev.clerk.jakarta.core.internal.http.HttpTransport;
import dev.clerk.jakarta.core.internal.http.LimitedBody;
import dev.clerk.jakarta.core.internal.http.Retries;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;
import org.jspecify.annotations.Nullable;

/**
 * One fetch of the Backend API's JWKS for {@link RemoteJwksSource}, sent through the one {@link
 * HttpTransport} (URL, headers, body cap, time bounds, retries), and its parsing.
 *
 * <p>The rule is {@link Retries#onceWithinTimeout}: the whole fetch, retry included, ends within
 * the request timeout ({@code http-timeout-ms}), counted from its start on the calling thread, or
 * within the time left of the request's {@link Deadline} when that is shorter: that is the longest
 * a request thread waits for keys. A dropped connection or a 5xx answer is retried once if time is
 * left; a timeout (the time is spent) and a 429 (Clerk asks for less traffic) are not. The body is
 * capped at {@value #MAX_RESPONSE_BYTES} bytes. Thread-safe (immutable).
 */
final class JwksFetcher {
  static final int MAX_RESPONSE_BYTES = 64 * 1024;

  /** The cause in messages when the request's {@link Deadline} ran out. */
  static final String NO_TIME_LEFT = "no answer within the request's time left";

  private static final System.Logger LOG = System.getLogger(RemoteJwksSource.class.getName());

  /**
   * A 5xx (but not Clerk saying the key is invalid) or a failure other than a timeout: once more.
   */
  private static final Retries RETRIES =
      Retries.onceWithinTimeout(
          a -> a.status() >= 500 && clerkKeyInvalidMessage(a.body()) == null,
          e -> !(e instanceof HttpTimeoutException));

  private final HttpTransport transport;
  private final URI jwksUri;
  private final String secretKey;
  private final Duration timeout;
  private final Clock clock;

  JwksFetcher(
      String apiUrl,
      String apiVersion,
      String secretKey,
      HttpClient http,
      Duration timeout,
      Clock clock) {
    this.transport = HttpTransport.synchronous(http, apiUrl, MAX_RESPONSE_BYTES, "the Clerk", LOG);
    this.jwksUri = transport.uri(HttpTransport.versioned(apiVersion, "/jwks"), "");
    this.secretKey = secretKey;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** {@return the JWKS URL} */
  URI jwksUri() {
    return jwksUri;
  }

  /** {@return the key set} Fetched at most twice, within the timeout. */
  RemoteJwksSource.KeySet load() throws TokenVerificationException {
    HttpRequest request =
        transport.request(jwksUri, timeout, "application/json", secretKey).GET().build();
    HttpTransport.Answer answer;
    try {
      answer = transport.send(request, RETRIES, "the JWKS fetch");
    } catch (IOException e) {
      throw failure(e);
    } catch (RuntimeException e) {
      throw failedToLoad(
          "Error loading Clerk JWKS from " + jwksUri + ": " + e.getClass().getSimpleName() + ".",
          e);
    }
    int status = answer.status();
    if (status < 200 || status > 299) {
      String invalidKey = clerkKeyInvalidMessage(answer.body());
      if (invalidKey != null) {
        throw new TokenVerificationException(
            TokenVerificationReason.SECRET_KEY_INVALID,
            invalidKey,
            TokenVerificationException.ACTION_CONTACT_SUPPORT);
      }
      throw failedToLoad("Error loading Clerk JWKS from " + jwksUri + " with code=" + status, null);
    }
    return parse(answer.text());
  }

  /** The last failure of the fetch, in the words of this source's messages. */
  private TokenVerificationException failure(IOException e) {
    if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
      return failedToLoad("Interrupted while loading Clerk JWKS from " + jwksUri + ".", e);
    }
    if (LimitedBody.TooLargeException.find(e) != null) {
      return failedToLoad(
          "Error loading Clerk JWKS from "
              + jwksUri
              + ": the response is larger than "
              + MAX_RESPONSE_BYTES
              + " bytes.",
          null);
    }
    String cause = e.getClass().getSimpleName();
    if (e instanceof Deadline.Exceeded) {
      cause = NO_TIME_LEFT;
    } else if (e instanceof HttpTransport.Refused) {
      // Closed ("the Clerk is closed") or an HttpClient that refuses work: say which.
      cause = e.getCause() != null ? e.getCause().getClass().getSimpleName() : e.getMessage();
    }
    return failedToLoad("Error loading Clerk JWKS from " + jwksUri + ": " + cause + ".", e);
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
          "Error loading Clerk JWKS from " + jwksUri + ": the response is not a JSON Web Key Set.",
          null);
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
          "Error loading Clerk JWKS from " + jwksUri + ": the response is not a JSON Web Key Set.",
          null);
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
