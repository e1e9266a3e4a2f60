package dev.clerk.jakarta.benchmarks;

import com.clerk.backend_api.helpers.security.AuthenticateRequest;
import com.clerk.backend_api.helpers.security.VerifyToken;
import com.clerk.backend_api.helpers.security.models.AuthenticateRequestOptions;
import com.clerk.backend_api.helpers.security.models.TokenVerificationResponse;
import com.clerk.backend_api.helpers.security.models.VerifyTokenOptions;
import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.SessionAuth;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.token.JwksSource;
import dev.clerk.jakarta.core.token.SessionClaims;
import dev.clerk.jakarta.core.token.SessionTokenVerifier;
import dev.clerk.jakarta.core.token.TokenVerificationException;
import dev.clerk.jakarta.testing.FakeClerk;
import io.jsonwebtoken.Claims;
import java.io.IOException;
import java.net.URI;
import java.security.PublicKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Side-by-side throughput of this project and the official Java SDK ({@code
 * com.clerk:backend-api}, version in {@code benchmarks/pom.xml}) on the same valid session token
 * (minted by FakeClerk, RS256, 2048-bit key), both networkless with the same PEM public key
 * ({@code CLERK_JWT_KEY}), in one run:
 *
 * <ul>
 *   <li>{@link #bareJose4jRs256}: jose4j's RS256 signature check alone, no claim checks: the floor
 *       every other method is read against.
 *   <li>{@link #oursSessionTokenVerifierPem}: {@link SessionTokenVerifier#verify} with a PEM key.
 *   <li>{@link #officialVerifyTokenPem}: the SDK's {@code VerifyToken.verifyToken(token,
 *       VerifyTokenOptions.jwtKey(pem).build())} (jjwt underneath).
 *   <li>{@link #oursAuthenticateRequestBearer}: {@link Clerk#authenticateRequest} of an API request
 *       with {@code Authorization: Bearer}, on a {@link Clerk} configured with the PEM key; the
 *       {@link ClerkRequest} is built from the header map inside the measurement, as an adapter
 *       does per request.
 *   <li>{@link #officialAuthenticateRequestBearer}: the SDK's {@code
 *       AuthenticateRequest.authenticateRequest(headers, AuthenticateRequestOptions.jwtKey(pem)
 *       .build())} with the same header map.
 * </ul>
 *
 * <p>Both SDKs get their options built once, in {@link #setUp}, as an application would. The setup
 * runs every method once and throws unless each one verifies the token (signed in, subject {@code
 * user_benchmark}): a benchmark of a rejection would measure nothing useful. Each benchmark only
 * reads immutable state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OfficialSdkBenchmark {
  private static final String SUBJECT = "user_benchmark";
  private static final URI URL = URI.create("https://api.example.com/v1/invoices?page=2");

  private @Nullable FakeClerk fake;
  private String token = "";
  private @Nullable PublicKey publicKey;
  private @Nullable SessionTokenVerifier ourVerifier;
  private @Nullable Clerk ourClerk;
  private @Nullable VerifyTokenOptions officialVerifyOptions;
  private @Nullable AuthenticateRequestOptions officialRequestOptions;
  private Map<String, List<String>> headers = Map.of();

  /**
   * Starts FakeClerk, mints a token valid for the whole run, builds both SDKs' options and checks
   * that every method verifies the token.
   *
   * @throws Exception if a path does not verify the token
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    FakeClerk f = FakeClerk.builder().production().start();
    fake = f;
    token = f.sessionToken().subject(SUBJECT).expiresIn(Duration.ofDays(1)).sign();
    String pem = f.signingKey().publicKeyPem();
    publicKey = f.signingKey().publicKey();
    ourVerifier = SessionTokenVerifier.builder().keySource(JwksSource.pem(pem)).build();
    ourClerk = Clerk.builder().jwtKey(pem).publishableKey(f.publishableKey()).build();
    officialVerifyOptions = VerifyTokenOptions.jwtKey(pem).build();
    officialRequestOptions = AuthenticateRequestOptions.jwtKey(pem).build();
    Map<String, List<String>> h = new LinkedHashMap<>();
    h.put("Host", List.of("api.example.com"));
    h.put("Accept", List.of("application/json"));
    h.put("User-Agent", List.of("curl/8.5.0"));
    h.put("Authorization", List.of("Bearer " + token));
    headers = Map.copyOf(h);
    verifyEveryPath();
  }

  private void verifyEveryPath() throws Exception {
    String payload = bareJose4jRs256();
    if (!payload.contains("\"" + SUBJECT + "\"")) {
      throw new IllegalStateException("bareJose4jRs256 does not return the token's payload");
    }
    expectSubject("oursSessionTokenVerifierPem", oursSessionTokenVerifierPem().subject());
    Object official = officialVerifyTokenPem().payload();
    if (!(official instanceof Claims claims)) {
      throw new IllegalStateException("officialVerifyTokenPem returned " + official);
    }
    expectSubject("officialVerifyTokenPem", claims.getSubject());
    RequestState ours = oursAuthenticateRequestBearer();
    if (!ours.isSignedIn() || !(ours.auth() instanceof SessionAuth session)) {
      throw new IllegalStateException(
          "oursAuthenticateRequestBearer is not signed in: " + ours.reason() + " " + ours.message());
    }
    expectSubject("oursAuthenticateRequestBearer", session.userId());
    com.clerk.backend_api.helpers.security.models.RequestState theirs =
        officialAuthenticateRequestBearer();
    if (!theirs.isSignedIn() || theirs.claims().isEmpty()) {
      throw new IllegalStateException(
          "officialAuthenticateRequestBearer is not signed in: " + theirs.reason());
    }
    expectSubject("officialAuthenticateRequestBearer", theirs.claims().get().getSubject());
  }

  private static void expectSubject(String method, @Nullable String subject) {
    if (!SUBJECT.equals(subject)) {
      throw new IllegalStateException(method + " verified subject " + subject);
    }
  }

  /** Stops FakeClerk. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (fake != null) {
      fake.close();
    }
  }

  /** {@return the payload} jose4j's RS256 signature check of the token, nothing else. */
  @Benchmark
  public String bareJose4jRs256() {
    try {
      JsonWebSignature jws = new JsonWebSignature();
      jws.setAlgorithmConstraints(
          new AlgorithmConstraints(
              AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256));
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

  /**
   * {@return the claims} Our verifier with a PEM key.
   *
   * @throws TokenVerificationException if the token does not verify
   */
  @Benchmark
  public SessionClaims oursSessionTokenVerifierPem() throws TokenVerificationException {
    return ourVerifier.verify(token);
  }

  /**
   * {@return the verification response} The official SDK's networkless verification with a PEM key.
   *
   * @throws com.clerk.backend_api.helpers.security.models.TokenVerificationException if the token
   *     does not verify
   * @throws IOException never with a PEM key (declared by the SDK)
   * @throws InterruptedException never with a PEM key (declared by the SDK)
   */
  @Benchmark
  public TokenVerificationResponse<?> officialVerifyTokenPem()
      throws com.clerk.backend_api.helpers.security.models.TokenVerificationException,
          IOException,
          InterruptedException {
    return VerifyToken.verifyToken(token, officialVerifyOptions);
  }

  /** {@return the state} Our request authentication of a Bearer API request, PEM key. */
  @Benchmark
  public RequestState oursAuthenticateRequestBearer() {
    ClerkRequest.Builder b = ClerkRequest.builder().method("GET").url(URL);
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      for (String v : e.getValue()) {
        b.header(e.getKey(), v);
      }
    }
    return ourClerk.authenticateRequest(b.build());
  }

  /** {@return the state} The official SDK's request authentication of the same headers. */
  @Benchmark
  public com.clerk.backend_api.helpers.security.models.RequestState
      officialAuthenticateRequestBearer() {
    return AuthenticateRequest.authenticateRequest(headers, officialRequestOptions);
  }
}
