package dev.clerk.jakarta.benchmarks;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.testing.FakeClerk;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Throughput of {@link Clerk#authenticateRequest} on a production instance (warm JWKS cache, served
 * by a loopback FakeClerk):
 *
 * <ul>
 *   <li>{@link #cookieSignedIn}: a document request with {@code __session} and {@code __client_uat}
 *       cookies: context (public URL, cookie parsing, suffix choice), the C1–C20 decision tree and
 *       one verification.
 *   <li>{@link #headerSignedIn}: {@code Authorization: Bearer} with the same token.
 *   <li>{@link #handshakeRedirect}: {@code __client_uat} without a session: no verification, the
 *       handshake URL and headers are built.
 * </ul>
 *
 * <p>Each benchmark only reads immutable state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuthenticateRequestBenchmark {
  private @Nullable FakeClerk fake;
  private @Nullable Clerk clerk;
  private @Nullable ClerkRequest cookieRequest;
  private @Nullable ClerkRequest headerRequest;
  private @Nullable ClerkRequest handshakeRequest;

  /** Starts FakeClerk, builds the requests and warms the JWKS cache. */
  @Setup(Level.Trial)
  public void setUp() {
    FakeClerk f = FakeClerk.builder().production().start();
    fake = f;
    String token = f.sessionToken().subject("user_benchmark").expiresIn(Duration.ofDays(1)).sign();
    clerk =
        Clerk.builder()
            .secretKey(f.secretKey())
            .publishableKey(f.publishableKey())
            .apiUrl(f.apiUrl())
            .configure(b -> b.jwksCacheTtl(Duration.ofHours(2)).jwksMaxStaleness(Duration.ofHours(2)))
            .build();
    cookieRequest =
        document()
            .header("cookie", "_ga=GA1.1.123; __client_uat=" + (System.currentTimeMillis() / 1000 - 60) + "; __session=" + token)
            .build();
    headerRequest = document().header("authorization", "Bearer " + token).build();
    handshakeRequest = document().header("cookie", "__client_uat=1700000000").build();
    if (cookieSignedIn().status() != AuthStatus.SIGNED_IN
        || headerSignedIn().status() != AuthStatus.SIGNED_IN
        || handshakeRedirect().status() != AuthStatus.HANDSHAKE) {
      throw new IllegalStateException("benchmark setup does not reach the measured outcome");
    }
  }

  private static ClerkRequest.Builder document() {
    return ClerkRequest.builder()
        .method("GET")
        .url(URI.create("http://10.0.0.5:8080/dashboard?tab=1"))
        .header("host", "app.example.com")
        .header("x-forwarded-proto", "https")
        .header("sec-fetch-dest", "document")
        .header("user-agent", "Mozilla/5.0");
  }

  /** Stops FakeClerk. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (fake != null) {
      fake.close();
    }
  }

  /** {@return the state} Cookie path, signed in. */
  @Benchmark
  public RequestState cookieSignedIn() {
    return clerk.authenticateRequest(cookieRequest);
  }

  /** {@return the state} Header path, signed in. */
  @Benchmark
  public RequestState headerSignedIn() {
    return clerk.authenticateRequest(headerRequest);
  }

  /** {@return the state} Handshake redirect, no verification. */
  @Benchmark
  public RequestState handshakeRedirect() {
    return clerk.authenticateRequest(handshakeRequest);
  }
}
