package dev.clerk.jakarta.benchmarks;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.token.JwksSource;
import dev.clerk.jakarta.core.token.SessionClaims;
import dev.clerk.jakarta.core.token.SessionTokenVerifier;
import dev.clerk.jakarta.core.token.TokenVerificationException;
import dev.clerk.jakarta.testing.FakeClerk;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
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
 * Throughput of verifying one valid Clerk session token (RS256, 2048-bit key):
 *
 * <ul>
 *   <li>{@link #sessionTokenVerifierPem}: {@link SessionTokenVerifier#verify} with a PEM key
 *       ({@code CLERK_JWT_KEY}, networkless): decode, header checks, signature, all claim checks.
 *   <li>{@link #clerkVerifyTokenWarmJwks}: {@link Clerk#verifyToken} with the Backend API JWKS
 *       (served by a loopback FakeClerk), cache warm: the same work plus the cache lookup.
 *   <li>{@link #bareJose4jRs256}: jose4j alone, {@code JsonWebSignature.verifySignature()} of the
 *       same token with the same key, no claim checks: the floor the verifier is measured against.
 * </ul>
 *
 * <p>Not thread-safe state is not shared: each benchmark only reads the immutable state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VerifyTokenBenchmark {
  private @Nullable FakeClerk fake;
  private String token = "";
  private @Nullable PublicKey publicKey;
  private @Nullable SessionTokenVerifier pemVerifier;
  private @Nullable Clerk remoteClerk;

  /** Starts FakeClerk, mints a token valid for the whole run and warms the JWKS cache. */
  @Setup(Level.Trial)
  public void setUp() throws TokenVerificationException {
    FakeClerk f = FakeClerk.start();
    fake = f;
    token = f.sessionToken().subject("user_benchmark").expiresIn(Duration.ofDays(1)).sign();
    publicKey = f.signingKey().publicKey();
    pemVerifier =
        SessionTokenVerifier.builder().keySource(JwksSource.pem(f.signingKey().publicKeyPem())).build();
    Clerk c =
        Clerk.builder()
            .secretKey(f.secretKey())
            .publishableKey(f.publishableKey())
            .apiUrl(f.apiUrl())
            // A TTL longer than the run keeps background refreshes out of the measurement.
            .configure(b -> b.jwksCacheTtl(Duration.ofHours(2)).jwksMaxStaleness(Duration.ofHours(2)))
            .build();
    c.verifyToken(token);
    remoteClerk = c;
    // Fail fast if a benchmark would measure a rejection instead of a verification.
    if (!"user_benchmark".equals(sessionTokenVerifierPem().subject())
        || !"user_benchmark".equals(clerkVerifyTokenWarmJwks().subject())
        || bareJose4jRs256().isEmpty()) {
      throw new IllegalStateException("benchmark setup does not verify");
    }
  }

  /** Stops FakeClerk. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (fake != null) {
      fake.close();
    }
  }

  /** {@return the claims} Our verifier with a PEM key. */
  @Benchmark
  public SessionClaims sessionTokenVerifierPem() throws TokenVerificationException {
    return pemVerifier.verify(token);
  }

  /** {@return the claims} Our verifier through {@link Clerk}, keys from the warm JWKS cache. */
  @Benchmark
  public SessionClaims clerkVerifyTokenWarmJwks() throws TokenVerificationException {
    return remoteClerk.verifyToken(token);
  }

  /** {@return the payload} jose4j's RS256 signature check of the same token, nothing else. */
  @Benchmark
  public String bareJose4jRs256() {
    try {
      JsonWebSignature jws = new JsonWebSignature();
      jws.setAlgorithmConstraints(
          new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256));
      jws.setCompactSerialization(token);
      jws.setKey(publicKey);
      if (!jws.verifySignature()) {
        throw new IllegalStateException("signature does not verify");
      }
      return jws.getPayload();
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }
}
