package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.jaxrs.JaxrsServer.Setup;
import dev.clerk.jakarta.testing.FakeClerk;
import jakarta.ws.rs.core.Application;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JAX-RS half of issue 9's authorization matrix, on one implementation (a subclass per
 * implementation): every {@link Kind rule kind} × {@link Route route} × {@link Identity identity},
 * alone and behind the real servlet filter ({@link Setup}), each cell one request with an expected
 * status, and never the protected body ({@code protected:…}) unless the cell expects {@code 200}
 * from a resource method. One server per setup; tokens from {@link FakeClerk}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractAuthorizationMatrixSuite {
  private static final String API_KEY = "ak_matrix_secret";

  /** What a rule kind lets through, for a {@code GET}. */
  enum Expect {
    /** Organization admin (role {@code org:admin}) with a session. */
    ADMIN,
    /** A session with the permission {@code org:invoices:read}. */
    PERMISSION,
    /** Any session. */
    SIGNED_IN,
    /** Nobody. */
    DENIED,
    /** Everybody. */
    PUBLIC,
    /** An API key. */
    API_KEY,
    /** Nobody: an API key is the only accepted credential and has no organization role. */
    API_KEY_WITH_ROLE
  }

  /** A rule kind: where it is written, and the path of its protected content below {@code m/}. */
  enum Kind {
    CLASS_ROLES("class-roles", Expect.ADMIN),
    METHOD_ROLES("method-roles", Expect.ADMIN),
    INTERFACE_METHOD_ROLES("interface-roles", Expect.ADMIN),
    LOCATOR_ROLES("locator-roles/x", Expect.ADMIN),
    SUB_RESOURCE_CLASS_ROLES("sub-roles/x", Expect.ADMIN),
    ENCLOSING_CLASS_ROLES_SUB_PERMIT_ALL("enclosing/x", Expect.ADMIN),
    DEEP_LOCATOR_CHAIN("deep/a/b/c/7", Expect.PERMISSION),
    REQUIRE_SIGN_IN("sign-in", Expect.SIGNED_IN),
    REQUIRE_ROLE("require-role", Expect.ADMIN),
    REQUIRE_PERMISSION("require-permission", Expect.PERMISSION),
    DENY_ALL("deny-all", Expect.DENIED),
    PERMIT_ALL("permit-all", Expect.PUBLIC),
    ACCEPTS_TOKEN_ON_METHOD("accepts-method", Expect.API_KEY),
    ACCEPTS_TOKEN_ON_CLASS("accepts-class", Expect.API_KEY),
    ACCEPTS_TOKEN_WITH_ROLE("accepts-admin", Expect.API_KEY_WITH_ROLE),
    EXPLICIT_OPTIONS_METHOD("explicit-options", Expect.SIGNED_IN);

    final String path;
    final Expect expect;

    Kind(String path, Expect expect) {
      this.path = path;
      this.expect = expect;
    }

    /** {@return the body of its resource method} */
    String body() {
      String first = path.split("/")[0];
      return "protected:" + first;
    }
  }

  /** A way to reach a kind's resource. */
  enum Route {
    DIRECT,
    TRAILING_SLASH,
    /** A matrix parameter on the last segment. */
    PATH_PARAMETER,
    /**
     * The kind's first letter percent-encoded in the literal path: neither runtime normalizes it
     * before matching, so nothing is found ({@code 404}).
     */
    ENCODED_IN_LITERAL,
    /** The same, in the value of the {@code via} locator's template variable: decoded, routed. */
    ENCODED_IN_PARAMETER,
    /** {@code %2F}: Jetty refuses an ambiguous path separator ({@code 400}) before any filter. */
    ENCODED_SEPARATOR,
    /** As a sub-resource, through the unannotated locator {@code via/{kind}}. */
    VIA_LOCATOR,
    OPTIONS,
    OPTIONS_PREFLIGHT,
    HEAD;

    String path(Kind kind) {
      String encoded =
          "%"
              + Integer.toHexString(kind.path.charAt(0)).toUpperCase(Locale.ROOT)
              + kind.path.substring(1);
      return switch (this) {
        case TRAILING_SLASH -> "m/" + kind.path + "/";
        case PATH_PARAMETER -> "m/" + kind.path + ";x=1";
        case ENCODED_IN_LITERAL -> "m/" + encoded;
        case ENCODED_IN_PARAMETER -> "via/" + encoded;
        case ENCODED_SEPARATOR -> "m%2F" + kind.path;
        case VIA_LOCATOR -> "via/" + kind.path;
        default -> "m/" + kind.path;
      };
    }

    String method() {
      return switch (this) {
        case OPTIONS, OPTIONS_PREFLIGHT -> "OPTIONS";
        case HEAD -> "HEAD";
        default -> "GET";
      };
    }
  }

  /** Who asks. */
  enum Identity {
    ANONYMOUS,
    /** Session, role {@code org:member}, permission {@code org:reports:read}. */
    MEMBER,
    /** Session, role {@code org:admin}, permission {@code org:invoices:read}, bearer token. */
    ADMIN,
    /** The same session in the {@code __session} cookie. */
    ADMIN_COOKIE,
    /** An API key (a machine token; the application accepts session tokens only). */
    API_KEY,
    /** The admin's claims, expired. */
    EXPIRED,
    /** The admin's claims, signed with a key Clerk does not publish. */
    FORGED
  }

  private FakeClerk fake;
  private final Map<Setup, JaxrsServer> servers = new EnumMap<>(Setup.class);
  private final Map<Identity, String[]> credentials = new EnumMap<>(Identity.class);

  /** {@return the implementation's servlet, deploying {@code application}} */
  abstract ServletSpec jaxrsServlet(Class<? extends Application> application);

  @BeforeAll
  void start() throws Exception {
    fake = FakeClerk.builder().production().start();
    fake.registerApiKey(API_KEY, "user_machine");
    long clientUat = fake.clock().instant().getEpochSecond() - 5;
    String admin =
        fake.sessionToken()
            .subject("user_admin")
            .organizationV1("org_1", "acme", "org:admin", "org:invoices:read")
            .expiresIn(Duration.ofMinutes(30))
            .sign();
    String member =
        fake.sessionToken()
            .subject("user_member")
            .organizationV1("org_1", "acme", "org:member", "org:reports:read")
            .expiresIn(Duration.ofMinutes(30))
            .sign();
    String expired =
        fake.sessionToken()
            .subject("user_admin")
            .organizationV1("org_1", "acme", "org:admin", "org:invoices:read")
            .shiftTimes(Duration.ofMinutes(-10))
            .sign();
    String forged =
        fake.sessionToken()
            .subject("user_admin")
            .organizationV1("org_1", "acme", "org:admin", "org:invoices:read")
            .expiresIn(Duration.ofMinutes(30))
            .signWith(fake.foreignKey(fake.signingKey().kid()))
            .sign();
    credentials.put(Identity.ANONYMOUS, new String[0]);
    credentials.put(Identity.MEMBER, new String[] {"Authorization", "Bearer " + member});
    credentials.put(Identity.ADMIN, new String[] {"Authorization", "Bearer " + admin});
    credentials.put(
        Identity.ADMIN_COOKIE,
        new String[] {"Cookie", "__client_uat=" + clientUat + "; __session=" + admin});
    credentials.put(Identity.API_KEY, new String[] {"Authorization", "Bearer " + API_KEY});
    credentials.put(Identity.EXPIRED, new String[] {"Authorization", "Bearer " + expired});
    credentials.put(Identity.FORGED, new String[] {"Authorization", "Bearer " + forged});
    for (Setup setup : Setup.values()) {
      servers.put(setup, JaxrsServer.start(jaxrsServlet(MatrixResources.App.class), fake, setup));
    }
  }

  @AfterAll
  void stop() throws Exception {
    for (JaxrsServer s : servers.values()) {
      s.stop();
    }
    fake.close();
  }

  /** {@return the status a {@code GET} of {@code expect}'s resource answers {@code identity}} */
  static int status(Expect expect, Identity identity) {
    boolean session =
        identity == Identity.MEMBER
            || identity == Identity.ADMIN
            || identity == Identity.ADMIN_COOKIE;
    boolean admin = identity == Identity.ADMIN || identity == Identity.ADMIN_COOKIE;
    return switch (expect) {
      case PUBLIC -> 200;
      case DENIED -> 403;
      case SIGNED_IN -> session ? 200 : 401;
      case ADMIN, PERMISSION -> admin ? 200 : session ? 403 : 401;
      case API_KEY -> identity == Identity.API_KEY ? 200 : 401;
      case API_KEY_WITH_ROLE -> identity == Identity.API_KEY ? 403 : 401;
    };
  }

  /** {@return the expected status of a cell} */
  static int expected(Kind kind, Route route, Identity identity) {
    if (route == Route.ENCODED_IN_LITERAL) {
      return 404;
    }
    if (route == Route.ENCODED_SEPARATOR) {
      return 400;
    }
    if (route == Route.OPTIONS_PREFLIGHT) {
      // A preflight is not authenticated: the explicit OPTIONS method refuses it; elsewhere the
      // runtime's automatic OPTIONS answer (Allow header only) lets it through.
      return kind == Kind.EXPLICIT_OPTIONS_METHOD ? 401 : 200;
    }
    if (route == Route.OPTIONS && kind != Kind.EXPLICIT_OPTIONS_METHOD) {
      return 200;
    }
    return status(kind.expect, identity);
  }

  Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (Setup setup : Setup.values()) {
      for (Kind kind : Kind.values()) {
        for (Route route : Route.values()) {
          for (Identity identity : Identity.values()) {
            cells.add(Arguments.of(setup, kind, route, identity, expected(kind, route, identity)));
          }
        }
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} {3} -> {4}")
  @MethodSource("cells")
  void requestWhenRuleRouteAndIdentityThenExpectedStatus(
      Setup setup, Kind kind, Route route, Identity identity, int expected) throws Exception {
    String[] headers = credentials.get(identity);
    if (route == Route.OPTIONS_PREFLIGHT) {
      String[] cors = {"Origin", "https://app.example", "Access-Control-Request-Method", "GET"};
      String[] all = new String[cors.length + headers.length];
      System.arraycopy(cors, 0, all, 0, cors.length);
      System.arraycopy(headers, 0, all, cors.length, headers.length);
      headers = all;
    }
    HttpResponse<String> r = servers.get(setup).send(route.method(), route.path(kind), headers);
    assertEquals(
        expected, r.statusCode(), () -> "body: " + r.body() + " headers: " + r.headers().map());
    boolean resourceMethodAnswered =
        expected == 200
            && (route.method().equals("GET")
                || route == Route.HEAD
                || kind == Kind.EXPLICIT_OPTIONS_METHOD && route == Route.OPTIONS);
    if (route == Route.HEAD) {
      assertEquals("", r.body());
    } else if (resourceMethodAnswered) {
      String body = route == Route.OPTIONS ? kind.body() + ":options" : kind.body();
      assertEquals(body, r.body());
    } else {
      assertFalse(r.body().contains("protected:"), r.body());
    }
    if (expected == 200 && !resourceMethodAnswered) {
      // The runtime's automatic OPTIONS answer.
      assertTrue(
          r.headers().firstValue("Allow").orElseThrow().contains("OPTIONS"),
          r.headers().map()::toString);
    }
  }

  @Test
  void cellsWhenCountedThenEveryCombinationOnce() {
    assertEquals(
        Setup.values().length
            * Kind.values().length
            * Route.values().length
            * Identity.values().length,
        cells().count());
    assertEquals(2240, cells().count());
  }
}
