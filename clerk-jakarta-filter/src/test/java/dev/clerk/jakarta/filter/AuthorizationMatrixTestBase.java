package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.clerk.jakarta.testing.FakeClerk;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The servlet half of issue 9's authorization matrix: every rule kind × every route to a handler ×
 * every identity, one expected status per cell, and never the protected content (the {@link
 * SecretServlet}'s body or header) without the right identity. Runs against two applications with a
 * real {@code web.xml} ({@code /r}: exact, prefix, extension, role, public inside protect; {@code
 * /d}: the default rule {@code /}), started once per runtime. docs/security.md explains the cells
 * whose status the container, not the filter, decides.
 */
@Tag(TestedEe.CONTAINER_TAG)
abstract class AuthorizationMatrixTestBase {
  /** The container under test. */
  enum Runtime {
    JETTY,
    TOMCAT
  }

  /** A rule kind, with the handler it protects and how it is reached indirectly. */
  enum Kind {
    EXACT("/r", "/exact/page", "/exact/", 409),
    PREFIX("/r", "/prefix/page", "/prefix/", 410),
    EXTENSION("/r", "/ext/page.do", "/ext/", 412),
    ROLE("/r", "/role/page", "/role/", 422),
    PUBLIC_INSIDE_PROTECT("/r", "/mixed/open/page", "/mixed/open/", 423),
    DEFAULT("/d", "/secret/page", "/secret/", 409);

    final String context;
    final String target;
    final String directory;
    final int errorCode;

    Kind(String context, String target, String directory, int errorCode) {
      this.context = context;
      this.target = target;
      this.directory = directory;
      this.errorCode = errorCode;
    }
  }

  /** A way to reach the handler. */
  enum Route {
    DIRECT,
    TRAILING_SLASH,
    PATH_PARAMETER,
    ENCODED,
    EMPTY_SEGMENT,
    TRAILING_DOT,
    FORWARD,
    INCLUDE,
    ERROR_PAGE,
    ASYNC_DISPATCH,
    WELCOME_FILE,
    OPTIONS,
    PREFLIGHT,
    HEAD;

    /**
     * {@return the method and path (inside the context) of this route to {@code kind}'s handler}
     */
    String[] request(Kind kind) {
      String t = kind.target;
      int cut = t.indexOf('/', 1);
      String first = t.substring(0, cut);
      String rest = t.substring(cut + 1);
      String path =
          switch (this) {
            case DIRECT, OPTIONS, PREFLIGHT, HEAD -> t;
            case TRAILING_SLASH -> t + "/";
            case PATH_PARAMETER -> first + ";x/" + rest + ";y";
            case ENCODED ->
                first
                    + "/%"
                    + Integer.toHexString(rest.charAt(0)).toUpperCase(Locale.ROOT)
                    + rest.substring(1);
            case EMPTY_SEGMENT -> first + "//" + rest;
            case TRAILING_DOT -> t + "/.";
            case FORWARD -> "/via/forward" + t;
            case INCLUDE -> "/via/include" + t;
            case ERROR_PAGE -> "/via/error/" + kind.errorCode;
            case ASYNC_DISPATCH -> "/via/async" + t;
            case WELCOME_FILE -> kind.directory;
          };
      String method =
          switch (this) {
            case OPTIONS, PREFLIGHT -> "OPTIONS";
            case HEAD -> "HEAD";
            default -> "GET";
          };
      return new String[] {method, kind.context + path};
    }
  }

  /** Who asks. */
  enum Identity {
    ANONYMOUS,
    M2M_TOKEN,
    API_KEY,
    EXPIRED_SESSION,
    FORGED_SESSION,
    MEMBER_SESSION,
    ADMIN_SESSION
  }

  /** What a cell must answer: a status, and whether the protected content may be in it. */
  record Expected(int status, boolean content) {}

  static FakeClerk clerk;
  static Path rulesApp;
  static Path defaultApp;
  static final Map<Identity, List<String>> HEADERS = new EnumMap<>(Identity.class);

  @BeforeAll
  static void startClerkAndWriteApps() {
    clerk = FakeClerk.start();
    rulesApp =
        TestApps.write(
            "/matrix-rules/web.xml",
            clerk,
            "",
            Map.of("exact/page", "static exact/page", "ext/page.do", "static ext/page.do"));
    defaultApp = TestApps.write("/matrix-default/web.xml", clerk, "", Map.of());
    // Valid machine tokens, but the applications accept session tokens only (the default).
    clerk.registerM2mToken("mt_matrix_machine_token", "mch_matrix");
    clerk.registerApiKey("ak_matrix_api_key", "user_admin");
    HEADERS.put(Identity.ANONYMOUS, List.of());
    HEADERS.put(Identity.M2M_TOKEN, List.of(bearer("mt_matrix_machine_token")));
    HEADERS.put(Identity.API_KEY, List.of(bearer("ak_matrix_api_key")));
    HEADERS.put(
        Identity.EXPIRED_SESSION,
        List.of(
            bearer(
                clerk
                    .sessionToken()
                    .organizationV1("org_1", "acme", "org:admin")
                    .shiftTimes(Duration.ofHours(-1))
                    .sign())));
    HEADERS.put(
        Identity.FORGED_SESSION,
        List.of(
            bearer(
                clerk
                    .sessionToken()
                    .organizationV1("org_1", "acme", "org:admin")
                    .signWith(clerk.foreignKey(clerk.signingKey().kid()))
                    .expiresIn(Duration.ofHours(1))
                    .sign())));
    HEADERS.put(
        Identity.MEMBER_SESSION,
        List.of(
            bearer(
                clerk
                    .sessionToken()
                    .subject("user_member")
                    .organizationV1("org_1", "acme", "org:member")
                    .expiresIn(Duration.ofHours(1))
                    .sign())));
    HEADERS.put(
        Identity.ADMIN_SESSION,
        List.of(
            bearer(
                clerk
                    .sessionToken()
                    .subject("user_admin")
                    .organizationV1("org_1", "acme", "org:admin")
                    .expiresIn(Duration.ofHours(1))
                    .sign())));
  }

  @AfterAll
  static void stopClerk() {
    clerk.close();
  }

  static Map<String, Path> apps() {
    Map<String, Path> apps = new LinkedHashMap<>();
    apps.put("/r", rulesApp);
    apps.put("/d", defaultApp);
    return apps;
  }

  private static String bearer(String token) {
    return "Authorization: Bearer " + token;
  }

  abstract TestContainer container();

  abstract Runtime runtime();

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (Kind k : Kind.values()) {
      for (Route r : Route.values()) {
        for (Identity i : Identity.values()) {
          cells.add(Arguments.of(k, r, i));
        }
      }
    }
    return cells.stream();
  }

  /** {@return whether {@code identity} may see {@code kind}'s handler} */
  static boolean mayAccess(Kind kind, Identity identity) {
    return switch (kind) {
      case PUBLIC_INSIDE_PROTECT -> true;
      case ROLE -> identity == Identity.ADMIN_SESSION;
      default -> identity == Identity.MEMBER_SESSION || identity == Identity.ADMIN_SESSION;
    };
  }

  /** {@return the expected answer of a cell on {@code runtime}} */
  static Expected expected(Kind kind, Route route, Identity identity, Runtime runtime) {
    boolean access = mayAccess(kind, identity);
    int refused = kind == Kind.ROLE && identity == Identity.MEMBER_SESSION ? 403 : 401;
    if (route == Route.EMPTY_SEGMENT && runtime == Runtime.JETTY) {
      return new Expected(400, false); // Jetty refuses an empty segment before any filter runs
    }
    if (access
        && runtime == Runtime.JETTY
        && kind == Kind.EXTENSION
        && (route == Route.TRAILING_SLASH || route == Route.TRAILING_DOT)) {
      // No servlet maps "/ext/page.do/": Jetty's default servlet redirects to the file's own path.
      return new Expected(302, false);
    }
    return switch (route) {
      // An include cannot set a status: a refused one is left out of the including page.
      case INCLUDE -> new Expected(200, access);
      // A refused error page does not render; the error status stays.
      case ERROR_PAGE -> new Expected(kind.errorCode, access);
      // Never verified, anonymous; on a protected path confined to CORS headers.
      case PREFLIGHT -> new Expected(200, kind == Kind.PUBLIC_INSIDE_PROTECT);
      default -> access ? new Expected(200, true) : new Expected(refused, false);
    };
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cells")
  void doFilterWhenMatrixCellThenExpectedStatusAndProtectedContentOnlyWithAccess(
      Kind kind, Route route, Identity identity) throws Exception {
    String[] methodAndPath = route.request(kind);
    StringBuilder raw =
        new StringBuilder(methodAndPath[0])
            .append(' ')
            .append(methodAndPath[1])
            .append(
                " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAccept: application/json\r\n");
    if (route == Route.PREFLIGHT) {
      raw.append("Origin: https://app.example.com\r\nAccess-Control-Request-Method: POST\r\n");
    }
    for (String h : HEADERS.get(identity)) {
      raw.append(h).append("\r\n");
    }
    RawResponse r = container().exchange(raw.append("\r\n").toString());
    Expected expected = expected(kind, route, identity, runtime());
    String cell =
        runtime()
            + " "
            + kind
            + " "
            + route
            + " "
            + identity
            + " "
            + String.join(" ", methodAndPath);
    boolean reached = r.body().contains("CONTENT:") || r.header("X-Secret") != null;
    assertEquals(
        expected, new Expected(r.status(), reached), cell + " -> " + r.headers() + " " + r.body());
    if (route == Route.PREFLIGHT && kind != Kind.PUBLIC_INSIDE_PROTECT) {
      assertEquals("https://app.example.com", r.header("Access-Control-Allow-Origin"), cell);
      assertEquals(List.of(), r.headers("Set-Cookie"), cell);
      assertEquals(0, r.body().getBytes(StandardCharsets.UTF_8).length, cell);
    }
    if (expected.status() == 302) {
      assertEquals("/r/ext/page.do", URI.create(r.header("Location")).getPath(), cell);
    }
    if (route == Route.HEAD) {
      assertEquals("", r.body(), cell);
    }
    if (!expected.content()) {
      assertNull(r.header("X-Secret"), cell);
    }
  }
}
