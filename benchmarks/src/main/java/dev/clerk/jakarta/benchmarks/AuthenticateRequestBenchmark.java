package dev.clerk.jakarta.benchmarks;

import com.clerk.backend_api.helpers.security.AuthenticateRequest;
import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.request.RequestState;
import java.util.List;
import java.util.Map;
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
 * Warm request authentication: the same signed-in request again and again (its token verified
 * before), from the container's header map, as an adapter sees it. Ours builds the {@code
 * ClerkRequest} inside the measurement, as the adapters do per request; the official SDK takes the
 * header map as it is.
 *
 * <ul>
 *   <li>{@link #officialBearer}, {@link #officialCookie}: the official SDK's {@code
 *       AuthenticateRequest.authenticateRequest(headers, AuthenticateRequestOptions.jwtKey(pem)
 *       .build())} with {@code Authorization: Bearer}, and with the {@code __session} cookie.
 *   <li>{@link #oursBearerWarm}: {@link Clerk#authenticateRequest} of an API call with {@code
 *       Authorization: Bearer}.
 *   <li>{@link #oursCookieWarm}: {@link Clerk#authenticateRequest} of a browser's page request with
 *       {@code __session} and {@code __client_uat}: the whole cookie decision tree (C1–C20).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 4, time = 2)
public class AuthenticateRequestBenchmark {
  private Fixture fixture;
  private Clerk clerk;
  private Map<String, List<String>> bearer = Map.of();
  private Map<String, List<String>> cookie = Map.of();

  /** Starts FakeClerk, builds the header maps and checks that every method signs the request in. */
  @Setup(Level.Trial)
  public void setUp() {
    fixture = Fixture.start();
    String token = fixture.token(0);
    clerk = fixture.clerk();
    bearer = Fixture.bearerHeaders(token);
    cookie = fixture.cookieHeaders(token);
    Fixture.expectSignedIn("oursBearerWarm", oursBearerWarm());
    Fixture.expectSignedIn("oursCookieWarm", oursCookieWarm());
    Fixture.expectSignedIn("officialBearer", officialBearer());
    Fixture.expectSignedIn("officialCookie", officialCookie());
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

  /** {@return the state} The official SDK, Bearer. */
  @Benchmark
  public com.clerk.backend_api.helpers.security.models.RequestState officialBearer() {
    return AuthenticateRequest.authenticateRequest(bearer, fixture.officialRequest);
  }

  /** {@return the state} The official SDK, session cookie. */
  @Benchmark
  public com.clerk.backend_api.helpers.security.models.RequestState officialCookie() {
    return AuthenticateRequest.authenticateRequest(cookie, fixture.officialRequest);
  }

  /** {@return the state} Ours, Bearer, token verified before. */
  @Benchmark
  public RequestState oursBearerWarm() {
    return clerk.authenticateRequest(Fixture.request(Fixture.API_URL, bearer));
  }

  /** {@return the state} Ours, session cookie, token verified before. */
  @Benchmark
  public RequestState oursCookieWarm() {
    return clerk.authenticateRequest(Fixture.request(Fixture.PAGE_URL, cookie));
  }
}
