package dev.clerk.jakarta.benchmarks;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.events.ClerkEvents;
import dev.clerk.jakarta.core.events.RequestOutcome;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.testing.FakeClerk;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import jdk.jfr.Recording;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What observing costs on the hot path: {@link Clerk#authenticateRequest} of a signed-in {@code
 * Authorization: Bearer} request (warm JWKS cache, loopback FakeClerk) with
 *
 * <ul>
 *   <li>{@code none}: no listener and no flight recording (the publisher answers {@code null}: no
 *       clock read, no allocation; compare {@code gc.alloc.rate.norm} with {@code -prof gc});
 *   <li>{@code listener}: one listener counting outcomes in a {@link LongAdder};
 *   <li>{@code jfr}: no listener, an in-memory flight recording with the {@code dev.clerk.*} events
 *       enabled (threshold 0), so every request commits {@code dev.clerk.RequestAuthenticated}.
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EventsOverhead -f 1 -wi 3 -i 5 -w 2s -r
 * 2s -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventsOverheadBenchmark {
  /** How the Clerk is observed. */
  @Param({"none", "listener", "jfr"})
  public String observer = "none";

  private FakeClerk fake;
  private Clerk clerk;
  private @Nullable Recording recording;
  private ClerkRequest request;
  private final LongAdder signedIn = new LongAdder();

  /** Starts FakeClerk, the observer and warms the JWKS cache. */
  @Setup(Level.Trial)
  public void setUp() {
    FakeClerk f = FakeClerk.builder().production().start();
    fake = f;
    String token = f.sessionToken().subject("user_benchmark").expiresIn(Duration.ofDays(1)).sign();
    Clerk.Builder b =
        Clerk.builder()
            .secretKey(f.secretKey())
            .publishableKey(f.publishableKey())
            .apiUrl(f.apiUrl())
            .configure(
                o -> o.jwksCacheTtl(Duration.ofHours(2)).jwksMaxStaleness(Duration.ofHours(2)));
    switch (observer) {
      case "none" -> {}
      case "listener" ->
          b.events(
              new ClerkEvents() {
                @Override
                public void requestAuthenticated(RequestOutcome outcome) {
                  if (outcome.status() == AuthStatus.SIGNED_IN) {
                    signedIn.increment();
                  }
                }
              });
      case "jfr" -> {
        Recording r = new Recording();
        for (String name :
            new String[] {
              "dev.clerk.RequestAuthenticated",
              "dev.clerk.JwksFetch",
              "dev.clerk.BackendCall",
              "dev.clerk.Handshake",
              "dev.clerk.Refresh"
            }) {
          r.enable(name).withThreshold(Duration.ZERO);
        }
        r.setToDisk(false);
        r.start();
        recording = r;
      }
      default ->
          throw new IllegalArgumentException("observer: none, listener or jfr, got " + observer);
    }
    clerk = b.build();
    request =
        ClerkRequest.builder()
            .method("GET")
            .url(URI.create("https://app.example.com/api/me"))
            .header("authorization", "Bearer " + token)
            .build();
    if (headerSignedIn().status() != AuthStatus.SIGNED_IN) {
      throw new IllegalStateException("benchmark setup does not reach the measured outcome");
    }
    if ("listener".equals(observer) && signedIn.sum() != 1) {
      throw new IllegalStateException("the listener did not count the warm-up request");
    }
  }

  /** Stops the recording, the Clerk and FakeClerk. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (recording != null) {
      recording.close();
    }
    if (clerk != null) {
      clerk.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  /** {@return the state} Header path, signed in, observed as {@link #observer} says. */
  @Benchmark
  public RequestState headerSignedIn() {
    return clerk.authenticateRequest(request);
  }
}
