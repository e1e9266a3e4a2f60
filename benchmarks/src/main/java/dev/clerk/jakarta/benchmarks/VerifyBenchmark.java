package dev.clerk.jakarta.benchmarks;

import com.clerk.backend_api.helpers.security.VerifyToken;
import com.clerk.backend_api.helpers.security.models.TokenVerificationResponse;
import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.token.SessionClaims;
import dev.clerk.jakarta.core.token.TokenVerificationException;
import io.jsonwebtoken.Claims;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm verification: one valid session token, verified again and again, as a page's calls present
 * the token of its session until it is refreshed (about a minute).
 *
 * <ul>
 *   <li>{@link #bareRs256}: jose4j's RS256 signature check alone (no claim checks): the floor of
 *       any verification that checks the signature each time.
 *   <li>{@link #officialVerifyToken}: the official SDK's {@code VerifyToken.verifyToken(token,
 *       VerifyTokenOptions.jwtKey(pem).build())}: it verifies in full on every call.
 *   <li>{@link #oursVerifyTokenWarm}: {@link Clerk#verifyToken} with the PEM key: a hit in the
 *       verified-token cache, the time claims checked again.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 4, time = 2)
public class VerifyBenchmark {
  private Fixture fixture;
  private String token = "";
  private Clerk clerk;

  /** Starts FakeClerk, mints the token and checks that each method verifies it. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    fixture = Fixture.start();
    token = fixture.token(0);
    clerk = fixture.clerk();
    Fixture.expectSubject("oursVerifyTokenWarm", oursVerifyTokenWarm().subject());
    Object official = officialVerifyToken().payload();
    Fixture.expectSubject(
        "officialVerifyToken", official instanceof Claims c ? c.getSubject() : null);
    Verifications.bareRs256(token, fixture.publicKey);
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

  /** {@return the payload} jose4j's RS256 signature check, nothing else. */
  @Benchmark
  public String bareRs256() {
    return Verifications.bareRs256(token, fixture.publicKey);
  }

  /**
   * {@return the verification response} The official SDK, PEM key.
   *
   * @throws Exception never for this token (declared by the SDK)
   */
  @Benchmark
  public TokenVerificationResponse<?> officialVerifyToken() throws Exception {
    return VerifyToken.verifyToken(token, fixture.officialVerify);
  }

  /**
   * {@return the claims} Ours, PEM key, the token verified before.
   *
   * @throws TokenVerificationException never for this token
   */
  @Benchmark
  public SessionClaims oursVerifyTokenWarm() throws TokenVerificationException {
    return clerk.verifyToken(token);
  }
}
