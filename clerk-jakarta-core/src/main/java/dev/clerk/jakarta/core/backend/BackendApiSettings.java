package dev.clerk.jakarta.core.backend;

import dev.clerk.jakarta.core.internal.Telemetry;
import dev.clerk.jakarta.core.internal.http.ClerkExecutors;
import dev.clerk.jakarta.core.internal.http.Sleeper;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.json.spi.JsonProvider;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link BackendApi.Builder} has collected (its setters validate; {@code null} is "not set",
 * the default applies), and the assembly of a client's {@link ApiTransport} and {@link CallOptions}
 * from it. Not thread-safe: each belongs to one builder.
 */
final class BackendApiSettings {
  @Nullable String secretKey;
  @Nullable String apiUrl;
  @Nullable String apiVersion;
  @Nullable Duration timeout;
  @Nullable Duration connectTimeout;
  @Nullable HttpClient httpClient;
  @Nullable Executor executor;
  @Nullable RetryPolicy retryPolicy;
  @Nullable Sleeper sleeper;
  Clock clock = Clock.systemUTC();
  DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
  long maxBodyBytes = ApiTransport.MAX_BODY_BYTES;
  Telemetry telemetry = Telemetry.OFF;

  /**
   * Refuses a second call of a setter.
   *
   * @param current the setting's value so far
   * @param name the setting, for the message
   * @throws IllegalStateException when {@code current} is already set
   */
  static void once(@Nullable Object current, String name) {
    if (current != null) {
      throw new IllegalStateException(name + " was already set");
    }
  }

  /**
   * {@return the transport of a new client} Creates its JSON-P provider and JSON-B instance, its
   * owned threads and, unless one was given, its {@link HttpClient} on them.
   *
   * @throws IllegalStateException when {@code connectTimeout} or {@code executor} is combined with
   *     {@code httpClient}
   */
  ApiTransport transport() {
    HttpClient http = httpClient;
    if (http != null && (connectTimeout != null || executor != null)) {
      throw new IllegalStateException(
          "connectTimeout and executor apply only when no httpClient is given");
    }
    JsonProvider json = JsonProvider.provider();
    Jsonb jsonb =
        JsonbBuilder.create(
            new JsonbConfig()
                .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES));
    ClerkExecutors executors = ClerkExecutors.create();
    if (http == null) {
      http =
          executors.newHttpClient(
              connectTimeout != null ? connectTimeout : BackendApi.DEFAULT_CONNECT_TIMEOUT,
              executor);
    }
    return new ApiTransport(
        http,
        maxBodyBytes,
        apiUrl != null ? apiUrl : BackendApi.DEFAULT_API_URL,
        apiVersion != null ? apiVersion : BackendApi.DEFAULT_API_VERSION,
        secretKey,
        sleeper != null ? sleeper : Sleeper.using(executors),
        executors,
        clock,
        random,
        json,
        jsonb,
        telemetry);
  }

  /** {@return the timeout and retry policy of a new client, the defaults where not set} */
  CallOptions callOptions() {
    return new CallOptions(
        timeout != null ? timeout : BackendApi.DEFAULT_TIMEOUT,
        retryPolicy != null ? retryPolicy : RetryPolicy.defaults());
  }
}
