package dev.clerk.jakarta.benchmarks;

import com.clerk.backend_api.helpers.security.models.AuthenticateRequestOptions;
import com.clerk.backend_api.helpers.security.models.VerifyTokenOptions;
import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.SessionAuth;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.testing.FakeClerk;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What every benchmark shares: a production FakeClerk (its RSA-2048 key signs every token, RS256),
 * the same PEM public key for this project ({@code CLERK_JWT_KEY}) and for the official SDK (both
 * networkless), tokens valid for the whole run, and the requests an adapter would hand over.
 */
final class Fixture implements AutoCloseable {
  static final String SUBJECT = "user_benchmark";
  static final URI API_URL = URI.create("https://api.example.com/v1/invoices?page=2");
  static final URI PAGE_URL = URI.create("https://app.example.com/dashboard?tab=1");

  final FakeClerk fake;
  final String pem;
  final PublicKey publicKey;

  /** One client for every Clerk built here (PEM keys: it never sends anything). */
  final HttpClient http = HttpClient.newHttpClient();

  final VerifyTokenOptions officialVerify;
  final AuthenticateRequestOptions officialRequest;

  /** A {@code __client_uat} before every token's {@code iat}. */
  final long clientUat;

  private Fixture() {
    fake = FakeClerk.builder().production().start();
    pem = fake.signingKey().publicKeyPem();
    publicKey = fake.signingKey().publicKey();
    officialVerify = VerifyTokenOptions.jwtKey(pem).build();
    officialRequest = AuthenticateRequestOptions.jwtKey(pem).build();
    clientUat = fake.clock().instant().getEpochSecond() - 60;
  }

  static Fixture start() {
    return new Fixture();
  }

  /** {@return a session token of {@link #SUBJECT}, valid for a day; {@code n} makes it unique} */
  String token(int n) {
    return fake.sessionToken()
        .subject(SUBJECT)
        .sessionId("sess_" + n)
        .expiresIn(Duration.ofDays(1))
        .sign();
  }

  /** {@return {@code count} distinct tokens} */
  List<String> tokens(int count) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(token(i));
    }
    return List.copyOf(out);
  }

  /**
   * {@return a Clerk with the PEM key and the default verified-token cache, as an application has}
   */
  Clerk clerk() {
    return Clerk.builder()
        .jwtKey(pem)
        .publishableKey(fake.publishableKey())
        .httpClient(http)
        .build();
  }

  /** {@return the headers of an API call with {@code Authorization: Bearer}} */
  static Map<String, List<String>> bearerHeaders(String token) {
    Map<String, List<String>> h = new LinkedHashMap<>();
    h.put("Host", List.of("api.example.com"));
    h.put("Accept", List.of("application/json"));
    h.put("User-Agent", List.of("curl/8.5.0"));
    h.put("Authorization", List.of("Bearer " + token));
    return Map.copyOf(h);
  }

  /** {@return the headers of a browser's page request with Clerk's session cookies} */
  Map<String, List<String>> cookieHeaders(String token) {
    Map<String, List<String>> h = new LinkedHashMap<>();
    h.put("Host", List.of("app.example.com"));
    h.put("Accept", List.of("text/html,application/xhtml+xml"));
    h.put("User-Agent", List.of("Mozilla/5.0 (X11; Linux x86_64)"));
    h.put("Sec-Fetch-Dest", List.of("document"));
    h.put("Cookie", List.of("_ga=GA1.1.123; __client_uat=" + clientUat + "; __session=" + token));
    return Map.copyOf(h);
  }

  /** {@return the request an adapter builds from the container's method, URL and headers} */
  static ClerkRequest request(URI url, Map<String, List<String>> headers) {
    ClerkRequest.Builder b = ClerkRequest.builder().method("GET").url(url);
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      for (String v : e.getValue()) {
        b.header(e.getKey(), v);
      }
    }
    return b.build();
  }

  /**
   * Throws unless our state is signed in as {@link #SUBJECT}: a benchmark of a refusal measures
   * nothing.
   */
  static void expectSignedIn(String what, RequestState state) {
    if (!state.isSignedIn()
        || !(state.auth() instanceof SessionAuth s)
        || !SUBJECT.equals(s.userId())) {
      throw new IllegalStateException(
          what + " is not signed in: " + state.reason() + " " + state.message());
    }
  }

  /** Throws unless the official SDK's state is signed in as {@link #SUBJECT}. */
  static void expectSignedIn(
      String what, com.clerk.backend_api.helpers.security.models.RequestState state) {
    if (!state.isSignedIn()
        || state.claims().isEmpty()
        || !SUBJECT.equals(state.claims().get().getSubject())) {
      throw new IllegalStateException(what + " is not signed in: " + state.reason());
    }
  }

  /** Throws unless {@code subject} is {@link #SUBJECT}. */
  static void expectSubject(String what, @Nullable String subject) {
    if (!SUBJECT.equals(subject)) {
      throw new IllegalStateException(what + " verified subject " + subject);
    }
  }

  @Override
  public void close() {
    fake.close();
  }
}
