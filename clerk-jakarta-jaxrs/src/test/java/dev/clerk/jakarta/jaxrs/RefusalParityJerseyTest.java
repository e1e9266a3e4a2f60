package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.webhooks.WebhookEvent;
import dev.clerk.jakarta.filter.ClerkFilter;
import dev.clerk.jakarta.filter.ClerkWebhookServlet;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.Fault;
import dev.clerk.jakarta.testsupport.OversizedPost;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The servlet filter and the JAX-RS feature (Jersey) refuse alike: the same request to a path the
 * filter protects ({@code protect=/me, /admin=org:admin}) and to a resource with the same
 * requirements ({@code @RequireSignIn}, {@code @RolesAllowed("org:admin")}) gets the same status,
 * the same headers (but {@code Date} and {@code Server}) and the same body, from API clients and
 * from browser pages, with and without a sign-in URL, when Clerk is down, and for webhooks. Each
 * app runs in its own embedded Jetty with a {@link Clerk} of the same settings against one
 * FakeClerk.
 */
@Tag("jersey")
class RefusalParityJerseyTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final String SIGN_IN_URL = "https://accounts.example.com/sign-in";

  /**
   * The public URL both apps see, so that a sign-in redirect's {@code redirect_url} is the same.
   */
  private static final String[] PUBLIC = {
    "X-Forwarded-Host", "app.example.com", "X-Forwarded-Proto", "https"
  };

  private static final String[] API = {"Accept", "application/json"};
  private static final String[] PAGE = {
    "Sec-Fetch-Dest", "document", "Accept", "text/html,*/*;q=0.8"
  };

  /** One instant for Clerk and its apps: Clerk's messages name the current date, to the second. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);

  private static FakeClerk fake;
  private static FakeClerk down;
  private static final Map<Setup, Pair> PAIRS = new TreeMap<>();

  /** Which Clerk both apps of a pair use. */
  enum Setup {
    PLAIN,
    SIGN_IN_URL,
    CLERK_DOWN
  }

  /** The same application twice: behind the servlet filter, and as JAX-RS resources. */
  record Pair(TestApp.Running filter, TestApp.Running jaxrs) {
    void stop() throws Exception {
      try {
        filter.stop();
      } finally {
        jaxrs.stop();
      }
    }
  }

  /** What the servlet filter protects with {@code protect=/me, /admin=org:admin}, as resources. */
  @Path("/")
  public static class Resources {
    @GET
    @Path("me")
    @RequireSignIn
    public String me() {
      return "ok";
    }

    @POST
    @Path("me")
    @RequireSignIn
    public String post() {
      return "ok";
    }

    @HEAD
    @Path("me")
    @RequireSignIn
    public void head() {}

    @GET
    @Path("admin")
    @RolesAllowed("org:admin")
    public String admin() {
      return "ok";
    }

    @POST
    @Path("webhooks")
    public String webhook(WebhookEvent event) {
      return "ok";
    }
  }

  /** Clerk authentication and webhooks with the Clerk of the {@code ServletContext}. */
  public static class ParityApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
      return Set.of(ClerkAuthFeature.class, ClerkWebhookFeature.class, Resources.class);
    }
  }

  /** The servlet behind the filter: reached only when the filter lets a request through. */
  static final class Ok extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      resp.getWriter().write("ok");
    }
  }

  /** The filter app's webhook endpoint. */
  static final class Webhook extends ClerkWebhookServlet {
    private static final long serialVersionUID = 1L;

    Webhook(Clerk clerk) {
      super(clerk.webhooks());
    }

    @Override
    protected void onEvent(WebhookEvent event, HttpServletRequest request) {}
  }

  @BeforeAll
  static void start() throws Exception {
    fake = FakeClerk.builder().production().clock(CLOCK).start();
    down = FakeClerk.builder().production().clock(CLOCK).start();
    down.failAlways("/v1/jwks", Fault.status(503));
    PAIRS.put(Setup.PLAIN, deploy(() -> clerk(fake, null)));
    PAIRS.put(Setup.SIGN_IN_URL, deploy(() -> clerk(fake, SIGN_IN_URL)));
    PAIRS.put(Setup.CLERK_DOWN, deploy(() -> clerk(down, null)));
  }

  @AfterAll
  static void stop() throws Exception {
    for (Pair p : PAIRS.values()) {
      p.stop();
    }
    fake.close();
    down.close();
  }

  private static Clerk clerk(FakeClerk clerk, String signInUrl) {
    return Clerk.builder()
        .secretKey(clerk.secretKey())
        .publishableKey(clerk.publishableKey())
        .apiUrl(clerk.apiUrl())
        .configure(
            o -> {
              o.clock(CLOCK);
              o.webhookSigningSecrets(List.of(clerk.webhookSigningSecret()));
              if (signInUrl != null) {
                o.signInUrl(signInUrl);
              }
            })
        .build();
  }

  private static Pair deploy(java.util.function.Supplier<Clerk> clerks) throws Exception {
    Clerk forFilter = clerks.get();
    TestApp.Running filter =
        new TestApp()
            .attribute(Clerk.CONTEXT_ATTRIBUTE, forFilter)
            .filter(
                ClerkFilter.class,
                "/*",
                EnumSet.allOf(DispatcherType.class),
                Map.of(ClerkFilter.PROTECT_PARAM, "/me, /admin=org:admin"))
            .servlet(ServletSpec.of(new Webhook(forFilter)), "/webhooks")
            .servlet(ServletSpec.of(new Ok()), "/*")
            .start();
    TestApp.Running jaxrs =
        new TestApp()
            .attribute(Clerk.CONTEXT_ATTRIBUTE, clerks.get())
            .servlet(ServletSpec.jaxrs(ServletContainer.class, ParityApplication.class), "/*")
            .start();
    return new Pair(filter, jaxrs);
  }

  private static String[] headers(String[]... groups) {
    return Stream.concat(Stream.of(PUBLIC), Stream.of(groups).flatMap(Stream::of))
        .toArray(String[]::new);
  }

  /** One refusal: the request, and the status both must answer with. */
  static Stream<Arguments> refusals() {
    List<Arguments> cases = new ArrayList<>();
    String expired =
        "Authorization=Bearer " + fake.sessionToken().expiresIn(Duration.ofMinutes(-5)).sign();
    String member =
        "Authorization=Bearer "
            + fake.sessionToken().organizationV1("org_1", "acme", "org:member").sign();
    String valid = "Authorization=Bearer " + down.sessionToken().sign();
    for (String[] kind : List.of(API, PAGE)) {
      String who = kind == API ? "api" : "page";
      cases.add(Arguments.of(who + " signed out", Setup.PLAIN, "GET", "me", headers(kind), 401));
      cases.add(
          Arguments.of(
              who + " signed out, sign-in URL",
              Setup.SIGN_IN_URL,
              "GET",
              "me",
              headers(kind),
              kind == API ? 401 : 307));
      cases.add(
          Arguments.of(
              who + " HEAD signed out, sign-in URL",
              Setup.SIGN_IN_URL,
              "HEAD",
              "me",
              headers(kind),
              kind == API ? 401 : 307));
      cases.add(
          Arguments.of(
              who + " POST signed out, sign-in URL",
              Setup.SIGN_IN_URL,
              "POST",
              "me",
              headers(kind),
              401));
      // A page with an expired token is sent to Clerk's handshake: the decision's reply, sent alike
      // too.
      cases.add(
          Arguments.of(
              who + " expired token",
              Setup.PLAIN,
              "GET",
              "me",
              headers(kind, header(expired)),
              kind == API ? 401 : 307));
      cases.add(
          Arguments.of(
              who + " garbage token",
              Setup.PLAIN,
              "GET",
              "me",
              headers(kind, new String[] {"Authorization", "Bearer garbage"}),
              401));
      cases.add(
          Arguments.of(
              who + " member on admin",
              Setup.PLAIN,
              "GET",
              "admin",
              headers(kind, header(member)),
              403));
      cases.add(
          Arguments.of(
              who + " member on admin, sign-in URL",
              Setup.SIGN_IN_URL,
              "GET",
              "admin",
              headers(kind, header(member)),
              403));
      cases.add(
          Arguments.of(
              who + " Clerk down",
              Setup.CLERK_DOWN,
              "GET",
              "me",
              headers(kind, header(valid)),
              503));
    }
    return cases.stream();
  }

  private static String[] header(String nameEqualsValue) {
    int eq = nameEqualsValue.indexOf('=');
    return new String[] {nameEqualsValue.substring(0, eq), nameEqualsValue.substring(eq + 1)};
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refuseWhenSameRequestThenFilterAndJaxrsAnswerAlike(
      String name, Setup setup, String method, String path, String[] headers, int status)
      throws Exception {
    Pair pair = PAIRS.get(setup);
    HttpResponse<String> filter =
        send(pair.filter().base(), method, path, headers, HttpRequest.BodyPublishers.noBody());
    HttpResponse<String> jaxrs =
        send(pair.jaxrs().base(), method, path, headers, HttpRequest.BodyPublishers.noBody());
    assertEquals(
        status,
        filter.statusCode(),
        () -> "filter: " + filter.headers().map() + " " + filter.body());
    assertAlike(filter, jaxrs);
    assertEquals(List.of("no-store"), filter.headers().allValues("Cache-Control"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("webhooks")
  void refuseWhenSameWebhookThenFilterAndJaxrsAnswerAlike(
      String name, String[] headers, byte[] body, int status) throws Exception {
    Pair pair = PAIRS.get(Setup.PLAIN);
    HttpResponse<String> filter =
        send(
            pair.filter().base(),
            "POST",
            "webhooks",
            headers,
            HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<String> jaxrs =
        send(
            pair.jaxrs().base(),
            "POST",
            "webhooks",
            headers,
            HttpRequest.BodyPublishers.ofByteArray(body));
    assertEquals(
        status,
        filter.statusCode(),
        () -> "filter: " + filter.headers().map() + " " + filter.body());
    assertAlike(filter, jaxrs);
  }

  @ParameterizedTest(name = "chunked={0}")
  @ValueSource(booleans = {false, true})
  void refuseWhenAnonymousUploadOfOneMebibyteThenBothAnswer401NotAReset(boolean chunked)
      throws Exception {
    // The client sends its whole body before it reads: an answer given while the body is unread
    // must still reach it (a page uploading a form after its session ended).
    Pair pair = PAIRS.get(Setup.PLAIN);
    byte[] body = new byte[1024 * 1024];
    OversizedPost.Answer filter =
        OversizedPost.send(
            pair.filter().base(), pair.filter().base().getPath() + "me", body, chunked);
    OversizedPost.Answer jaxrs =
        OversizedPost.send(
            pair.jaxrs().base(), pair.jaxrs().base().getPath() + "me", body, chunked);
    assertEquals(401, filter.status(), filter.head());
    assertEquals(401, jaxrs.status(), jaxrs.head());
    assertEquals(filter.body(), jaxrs.body());
  }

  static Stream<Arguments> webhooks() {
    String[] json = {"Content-Type", "application/json"};
    String[] forged = {
      "Content-Type",
      "application/json",
      "svix-id",
      "msg_1",
      "svix-timestamp",
      Long.toString(CLOCK.instant().getEpochSecond()),
      "svix-signature",
      "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
    };
    return Stream.of(
        Arguments.of("unsigned", json, "{}".getBytes(), 400),
        Arguments.of("forged", forged, "{\"type\":\"user.created\",\"data\":{}}".getBytes(), 400),
        Arguments.of("too large", forged, new byte[2 * 1024 * 1024], 413));
  }

  private static void assertAlike(HttpResponse<String> filter, HttpResponse<String> jaxrs) {
    assertEquals(
        filter.statusCode(),
        jaxrs.statusCode(),
        () -> "jaxrs: " + jaxrs.headers().map() + " " + jaxrs.body());
    assertEquals(headersOf(filter), headersOf(jaxrs));
    assertEquals(filter.body(), jaxrs.body());
  }

  /**
   * {@return the headers but those each server sets its own way ({@code Date}, {@code Server}),
   * names in lower case, {@code Content-Type} without spaces and in lower case (containers differ
   * in how they spell it)}
   */
  private static Map<String, List<String>> headersOf(HttpResponse<String> r) {
    HttpHeaders h = r.headers();
    Map<String, List<String>> out = new TreeMap<>();
    Function<String, String> norm = v -> v.replace(" ", "").toLowerCase(Locale.ROOT);
    h.map()
        .forEach(
            (name, values) -> {
              String n = name.toLowerCase(Locale.ROOT);
              if (n.equals("date") || n.equals("server")) {
                return;
              }
              out.put(n, n.equals("content-type") ? values.stream().map(norm).toList() : values);
            });
    return out;
  }

  private static HttpResponse<String> send(
      URI base, String method, String path, String[] headers, HttpRequest.BodyPublisher body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(10))
            .method(method, body);
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
