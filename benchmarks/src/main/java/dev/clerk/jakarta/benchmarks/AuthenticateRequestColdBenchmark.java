package dev.clerk.jakarta.benchmarks;

import com.clerk.backend_api.helpers.security.AuthenticateRequest;
import dev.clerk.jakarta.core.Clerk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Cold request authentication: each request carries a token never seen before ({@value #TOKENS}
 * distinct tokens per invocation, a fresh {@link Clerk} each iteration), so each of ours is a
 * verified-token cache miss. Otherwise as {@link AuthenticateRequestBenchmark}. Scores and
 * allocation are per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 20)
@Measurement(iterations = 20)
@OperationsPerInvocation(AuthenticateRequestColdBenchmark.TOKENS)
public class AuthenticateRequestColdBenchmark {
  /** Distinct tokens (requests) per invocation. */
  static final int TOKENS = 500;

  private Fixture fixture;
  private Clerk clerk;
  private List<Map<String, List<String>>> bearer = List.of();
  private List<Map<String, List<String>>> cookie = List.of();

  /** Starts FakeClerk, mints the tokens and builds the requests' header maps. */
  @Setup(Level.Trial)
  public void setUp() {
    fixture = Fixture.start();
    List<Map<String, List<String>>> b = new ArrayList<>();
    List<Map<String, List<String>>> c = new ArrayList<>();
    for (String token : fixture.tokens(TOKENS)) {
      b.add(Fixture.bearerHeaders(token));
      c.add(fixture.cookieHeaders(token));
    }
    bearer = List.copyOf(b);
    cookie = List.copyOf(c);
    try (Clerk check = fixture.clerk()) {
      Fixture.expectSignedIn(
          "oursBearerCold",
          check.authenticateRequest(Fixture.request(Fixture.API_URL, bearer.get(0))));
      Fixture.expectSignedIn(
          "oursCookieCold",
          check.authenticateRequest(Fixture.request(Fixture.PAGE_URL, cookie.get(1))));
    }
    Fixture.expectSignedIn(
        "officialBearer",
        AuthenticateRequest.authenticateRequest(bearer.get(0), fixture.officialRequest));
    Fixture.expectSignedIn(
        "officialCookie",
        AuthenticateRequest.authenticateRequest(cookie.get(0), fixture.officialRequest));
  }

  /** A new Clerk, so that its verified-token cache is empty. */
  @Setup(Level.Iteration)
  public void freshClerk() {
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

  /** The official SDK, Bearer, each token new. */
  @Benchmark
  public void officialBearer(Blackhole bh) {
    for (Map<String, List<String>> headers : bearer) {
      bh.consume(AuthenticateRequest.authenticateRequest(headers, fixture.officialRequest));
    }
  }

  /** The official SDK, session cookie, each token new. */
  @Benchmark
  public void officialCookie(Blackhole bh) {
    for (Map<String, List<String>> headers : cookie) {
      bh.consume(AuthenticateRequest.authenticateRequest(headers, fixture.officialRequest));
    }
  }

  /** Ours, Bearer, each token a cache miss. */
  @Benchmark
  public void oursBearerCold(Blackhole bh) {
    for (Map<String, List<String>> headers : bearer) {
      bh.consume(clerk.authenticateRequest(Fixture.request(Fixture.API_URL, headers)));
    }
  }

  /** Ours, session cookie, each token a cache miss. */
  @Benchmark
  public void oursCookieCold(Blackhole bh) {
    for (Map<String, List<String>> headers : cookie) {
      bh.consume(clerk.authenticateRequest(Fixture.request(Fixture.PAGE_URL, headers)));
    }
  }
}
