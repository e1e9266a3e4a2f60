package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.PublishableKey;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A run of hostile client input (forged, stale and malformed tokens, handshake tokens and nonces,
 * cookies, machine tokens, refresh cookies) through the filter, with every log record captured at
 * every level ({@code System.Logger} routes to {@code java.util.logging} by default). The client's
 * doing is at most WARNING: no SEVERE (ERROR) line from the library; no line anywhere carries a
 * token, nonce or secret that was sent; no answer is a 500 and none signs in.
 */
class HostileInputLogTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Logger root = Logger.getLogger("");
  private final Logger library = Logger.getLogger("dev.clerk");
  private Level previousLevel;
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureEverything() {
    previousLevel = library.getLevel();
    library.setLevel(Level.ALL);
    capture.setLevel(Level.ALL);
    root.addHandler(capture);
  }

  @AfterEach
  void stopCapturing() {
    root.removeHandler(capture);
    library.setLevel(previousLevel);
  }

  enum Instance {
    DEVELOPMENT,
    PRODUCTION
  }

  private static String random() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** The hostile credentials of one run; each is also a string no log line may contain. */
  private static List<String> credentials(FakeClerk fake) {
    FakeKey evil = fake.foreignKey("ins_evil");
    List<String> c = new ArrayList<>();
    c.add("garbage");
    c.add(fake.sessionToken().header("alg", "none").sign());
    c.add(fake.sessionToken().header("alg", "HS256").sign());
    c.add(fake.sessionToken().signWith(evil).sign());
    c.add(fake.sessionToken().expiresIn(Duration.ofMinutes(-5)).sign());
    c.add(fake.sessionToken().header("crit", List.of("exp")).signWith(evil).sign());
    // Signed by the attacker, who points at their own keys: the header is ignored.
    c.add(fake.sessionToken().header("jku", "https://evil.example/jwks").signWith(evil).sign());
    c.add(fake.sessionToken().header("kid", "ins_unknown_" + random()).sign());
    c.add(fake.sessionToken().claim("sub", "mch_evil").signWith(evil).sign());
    c.add(fake.sessionToken().header("typ", "at+jwt").signWith(evil).sign());
    c.add("eyJhbGciOiJSUzI1NiJ9.!!!." + random());
    c.add("a.b.c");
    c.add("ak_" + random());
    c.add("mt_" + random());
    c.add("oat_" + random());
    c.add("ak_" + random() + "<script>");
    return c;
  }

  @ParameterizedTest
  @EnumSource(EmbeddedContainer.class)
  void doFilterWhenHostileInputThenNoErrorNoSecretNoTokenInLogs(
      EmbeddedContainer container, TestReporter reporter) throws Exception {
    for (Instance instance : Instance.values()) {
      FakeClerk fake =
          instance == Instance.PRODUCTION
              ? FakeClerk.builder().production().start()
              : FakeClerk.start();
      try (EmbeddedContainer.Deployment app =
          container.deploy(
              "/app",
              WebXmlApps.app(
                  WebXmlApps.filter(
                      "clerk",
                      WebXmlApps.clerkParams(fake)
                          + WebXmlApps.param(
                              "accepts-token", "session_token,api_key,m2m_token,oauth_token"))))) {
        run(fake, app, reporter);
      } finally {
        fake.close();
      }
    }
  }

  private void run(FakeClerk fake, EmbeddedContainer.Deployment app, TestReporter reporter)
      throws Exception {
    String suffix = PublishableKey.parse(fake.publishableKey()).cookieSuffix();
    FakeKey evil = fake.foreignKey("ins_evil");
    String expired =
        fake.sessionToken().sessionId("sess_hostile").shiftTimes(Duration.ofMinutes(-10)).sign();
    String refresh = "rt_" + random();
    String stale = random();
    List<String> secrets = new ArrayList<>(credentials(fake));
    String forgedHandshake =
        fake.sessionToken()
            .claim("handshake", List.of("__session=" + secrets.get(3) + "; Path=/"))
            .signWith(evil)
            .sign();
    String otherCategory =
        fake.sessionToken()
            .header("cat", "cl_B7d4PD222AAA")
            .claim("handshake", List.of("__session=x; Path=/"))
            .sign();
    secrets.addAll(
        List.of(expired, refresh, stale, forgedHandshake, otherCategory, fake.secretKey()));

    List<String[]> requests = new ArrayList<>();
    for (String credential : credentials(fake)) {
      secrets.add(credential);
      requests.add(new String[] {"Authorization: Bearer " + credential});
      requests.add(
          new String[] {
            "Cookie: __session=" + credential + "; __client_uat=1", "Sec-Fetch-Dest: document"
          });
    }
    requests.add(new String[] {"Authorization: Bearer "});
    requests.add(new String[] {"Authorization: Bearer " + "eyJ" + "A".repeat(6000)});
    requests.add(
        new String[] {"Cookie: __client_uat=abc; __session=%zz%", "Sec-Fetch-Dest: document"});
    requests.add(
        new String[] {"Cookie: __client_uat=-1; __session=; __session=x", "Accept: text/html"});
    requests.add(
        new String[] {
          "Cookie: __clerk_db_jwt=%00%01; __client_uat=99999999999", "Sec-Fetch-Dest: document"
        });
    requests.add(
        new String[] {
          "Cookie: __client_uat=1; __session=" + expired + "; __refresh_" + suffix + "=" + refresh,
          "Sec-Fetch-Dest: document"
        });
    requests.add(
        new String[] {
          "Cookie: __client_uat=1; __session=" + expired + "; __clerk_redirect_count=3",
          "Sec-Fetch-Dest: document"
        });
    requests.add(
        new String[] {"Cookie: __clerk_handshake_nonce=" + stale, "Sec-Fetch-Dest: document"});
    requests.add(
        new String[] {"Cookie: __clerk_handshake=" + forgedHandshake, "Sec-Fetch-Dest: document"});

    List<String> queries =
        List.of(
            "?__clerk_handshake=" + forgedHandshake,
            "?__clerk_handshake=" + otherCategory,
            "?__clerk_handshake=garbage",
            "?__clerk_handshake_nonce=" + stale,
            "?__clerk_handshake_nonce=" + stale,
            "?__clerk_handshake_nonce=short",
            "?__clerk_handshake_nonce=" + random() + "%3Cx%3E",
            "?__clerk_db_jwt=junk%20junk",
            "?__clerk_redirect_url=javascript:alert(1)",
            "?__clerk_synced=false");
    int sent = 0;
    for (String path : List.of("/app/whoami", "/app/api/whoami")) {
      for (String[] headers : requests) {
        check(app.send(path, headers), headers);
        sent++;
      }
      for (String q : queries) {
        check(app.send(path + q, "Sec-Fetch-Dest: document", "Accept: text/html"));
        check(app.send(path + q));
        sent += 2;
      }
    }
    assertTrue(sent > 100, "requests " + sent);

    SimpleFormatter format = new SimpleFormatter();
    List<String> lines = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (LogRecord r : records) {
      StringWriter text = new StringWriter();
      text.append(r.getLoggerName())
          .append(' ')
          .append(r.getLevel().getName())
          .append(' ')
          .append(format.formatMessage(r));
      if (r.getThrown() != null) {
        r.getThrown().printStackTrace(new PrintWriter(text));
      }
      lines.add(text.toString());
      if (r.getLoggerName() != null && r.getLoggerName().startsWith("dev.clerk")) {
        assertNotEquals(Level.SEVERE, r.getLevel(), text.toString());
        if (r.getLevel() == Level.WARNING) {
          warnings.add(text.toString());
        }
      }
    }
    // Once per cause: the same warning is never repeated, however many requests carry the cause.
    assertEquals(warnings.stream().distinct().toList(), warnings);
    for (String line : lines) {
      for (String secret : secrets) {
        if (secret.length() >= 12) {
          assertTrue(!line.contains(secret), "a sent credential or secret is in the log: " + line);
          String[] parts = secret.split("\\.");
          if (parts.length == 3 && parts[2].length() >= 12) {
            assertTrue(!line.contains(parts[2]), "a token's signature is in the log: " + line);
          }
        }
      }
    }
    reporter.publishEntry(
        Map.of(
            "requests",
            Integer.toString(sent),
            "logRecords",
            Integer.toString(records.size()),
            "libraryWarnings",
            Integer.toString(warnings.size())));
    records.clear();
  }

  private static void check(RawResponse r, String... request) {
    assertNotEquals(500, r.status(), r.body());
    if (r.status() == 200) {
      assertTrue(
          r.body().contains("principal=anonymous"),
          "signed in by hostile input " + List.of(request) + ": " + r.body());
    }
    assertEquals(-1, r.body().indexOf("Exception"), r.body());
  }
}
