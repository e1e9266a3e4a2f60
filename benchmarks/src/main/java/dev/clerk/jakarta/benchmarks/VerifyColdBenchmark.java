package dev.clerk.jakarta.benchmarks;

import com.clerk.backend_api.helpers.security.VerifyToken;
import dev.clerk.jakarta.core.Clerk;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cold verification: each call gets a token never seen before. One invocation verifies {@value
 * #TOKENS} distinct tokens, in a fresh {@link Clerk} (an empty verified-token cache of the default
 * size) each iteration, so every call of ours is a cache miss: a full verification plus the cache
 * lookup and insertion. Scores and allocation are per token ({@code @OperationsPerInvocation}).
 *
 * <ul>
 *   <li>{@link #bareRs256}: jose4j's RS256 signature check alone, the floor.
 *   <li>{@link #officialVerifyToken}: the official SDK (it has no cache: cold and warm are alike).
 *   <li>{@link #oursVerifyTokenCold}: {@link Clerk#verifyToken}, PEM key, cache miss.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 20)
@Measurement(iterations = 20)
@OperationsPerInvocation(VerifyColdBenchmark.TOKENS)
public class VerifyColdBenchmark {
  /** Distinct tokens per invocation. */
  static final int TOKENS = 500;

  private Fixture fixture;
  private List<String> tokens = List.of();
  private Clerk clerk;

  /** Starts FakeClerk and mints the tokens. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    fixture = Fixture.start();
    tokens = fixture.tokens(TOKENS);
    Fixture.expectSubject(
        "bareRs256",
        Verifications.bareRs256(tokens.get(0), fixture.publicKey).contains(Fixture.SUBJECT)
            ? Fixture.SUBJECT
            : null);
  }

  /** A new Clerk, so that its verified-token cache is empty. */
  @Setup(Level.Iteration)
  public void freshClerk() throws Exception {
    if (clerk != null) {
      clerk.close();
    }
    clerk = fixture.clerk();
  }

  /** Stops FakeClerk. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (clerk != null) {
      clerk.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  /** jose4j's RS256 signature check of each token. */
  @Benchmark
  public void bareRs256(Blackhole bh) {
    for (String token : tokens) {
      bh.consume(Verifications.bareRs256(token, fixture.publicKey));
    }
  }

  /**
   * The official SDK's verification of each token.
   *
   * @throws Exception never for these tokens (declared by the SDK)
   */
  @Benchmark
  public void officialVerifyToken(Blackhole bh) throws Exception {
    for (String token : tokens) {
      bh.consume(VerifyToken.verifyToken(token, fixture.officialVerify));
    }
  }

  /**
   * Our verification of each token, none of them cached.
   *
   * @throws Exception never for these tokens
   */
  @Benchmark
  public void oursVerifyTokenCold(Blackhole bh) throws Exception {
    for (String token : tokens) {
      bh.consume(clerk.verifyToken(token));
    }
  }
}
