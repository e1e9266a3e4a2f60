package dev.clerk.jakarta.core.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OutageReporterTest {
  private final Recording log = new Recording();
  private final OutageReporter reporter = new OutageReporter();

  @Test
  void clientWhenSameKeyThreeTimesThenOneWarningThenDebug() {
    for (int i = 0; i < 3; i++) {
      reporter.client(log, "handshake:token-expired", "Clerk: unable to resolve handshake");
    }
    assertEquals(
        List.of(
            "WARNING Clerk: unable to resolve handshake",
            "DEBUG Clerk: unable to resolve handshake",
            "DEBUG Clerk: unable to resolve handshake"),
        log.lines());
  }

  @Test
  void operatorWhenSameKeyTwiceThenOneErrorThenDebug() {
    reporter.operator(log, "secret-key", "Clerk: the secret key was refused");
    reporter.operator(log, "secret-key", "Clerk: the secret key was refused");
    assertEquals(
        List.of(
            "ERROR Clerk: the secret key was refused", "DEBUG Clerk: the secret key was refused"),
        log.lines());
  }

  @Test
  void clientWhenOperatorReportedTheSameKeyThenStillItsOwnWarning() {
    reporter.operator(log, "k", "operator");
    reporter.client(log, "k", "client");
    assertEquals(List.of("ERROR operator", "WARNING client"), log.lines());
  }

  @Test
  void outageWhenRepeatedThenOneErrorAndOneRecoveryLineAndAfterRecoveryAnErrorAgain() {
    reporter.outage(log, "jwk-remote-failed-to-load", "Clerk: JWKS down");
    reporter.outage(log, "jwk-remote-failed-to-load", "Clerk: JWKS down");
    reporter.outage(log, "machine:unexpected-error:503", "Clerk: machine tokens down");
    assertEquals(
        List.of("jwk-remote-failed-to-load", "machine:unexpected-error:503"), reporter.outages());

    reporter.recovered(log);
    reporter.recovered(log);
    reporter.outage(log, "jwk-remote-failed-to-load", "Clerk: JWKS down");

    assertEquals(
        List.of(
            "ERROR Clerk: JWKS down",
            "DEBUG Clerk: JWKS down",
            "ERROR Clerk: machine tokens down",
            "INFO Clerk authenticates requests again (the outage reported as jwk-remote-failed-to-load,"
                + " machine:unexpected-error:503 is over).",
            "ERROR Clerk: JWKS down"),
        log.lines());
  }

  @Test
  void recoveredWhenNoOutageThenNothingLogged() {
    reporter.client(log, "k", "client");
    reporter.recovered(log);
    assertEquals(List.of("WARNING client"), log.lines());
  }

  @Test
  void unexpectedWhenSameTypeTwiceThenOneErrorNamingTheTypeAndNoMessageAboveDebug() {
    String secret = "sk_test_" + "s3cr3t".repeat(6);
    reporter.unexpected(
        log, "authenticating a request", new IllegalStateException("carries " + secret));
    reporter.unexpected(
        log, "authenticating a request", new IllegalStateException("carries " + secret));
    reporter.unexpected(log, "authenticating a request", new IllegalArgumentException("other"));

    List<String> aboveDebug = log.lines().stream().filter(l -> !l.startsWith("DEBUG")).toList();
    assertEquals(
        List.of(
            "ERROR Clerk: unexpected error while authenticating a request (java.lang.IllegalStateException)",
            "ERROR Clerk: unexpected error while authenticating a request (java.lang.IllegalArgumentException)"),
        aboveDebug);
    for (String line : log.lines()) {
      assertTrue(!line.contains(secret), line);
    }
    assertEquals(2, reporter.reportedCauses());
  }

  @Test
  void reportWhenTwoInstancesThenEachReportsTheCauseOnce() {
    OutageReporter other = new OutageReporter();
    reporter.outage(log, "jwk-remote-failed-to-load", "first application");
    other.outage(log, "jwk-remote-failed-to-load", "second application");
    reporter.client(log, "loop", "first loop");
    other.client(log, "loop", "second loop");
    assertEquals(
        List.of(
            "ERROR first application",
            "ERROR second application",
            "WARNING first loop",
            "WARNING second loop"),
        log.lines());
  }

  @Test
  void reportWhenFullThenNewKeysOnlyAtDebug() {
    for (int i = 0; i < OutageReporter.MAX_CAUSES; i++) {
      reporter.client(log, "cause-" + i, "m");
      reporter.outage(log, "outage-" + i, "o");
    }
    log.clear();
    reporter.client(log, "one-more", "client");
    reporter.outage(log, "one-more", "outage");
    assertEquals(List.of("DEBUG client", "DEBUG outage"), log.lines());
    assertEquals(OutageReporter.MAX_CAUSES, reporter.reportedCauses());
    assertEquals(OutageReporter.MAX_CAUSES, reporter.outages().size());
  }

  @Test
  void clientWhenNullArgumentThenNamesIt() {
    assertEquals(
        "key == null",
        assertThrows(NullPointerException.class, () -> reporter.client(log, null, "m"))
            .getMessage());
    assertEquals(
        "logger == null",
        assertThrows(NullPointerException.class, () -> reporter.outage(null, "k", "m"))
            .getMessage());
    assertEquals(
        "e == null",
        assertThrows(NullPointerException.class, () -> reporter.unexpected(log, "x", null))
            .getMessage());
  }

  /** Keeps every line, DEBUG included, as "LEVEL message". Thread-safe. */
  static final class Recording implements System.Logger {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    List<String> lines() {
      return List.copyOf(lines);
    }

    void clear() {
      lines.clear();
    }

    @Override
    public String getName() {
      return "recording";
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      lines.add(level + " " + msg);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      lines.add(
          level
              + " "
              + (params == null || params.length == 0
                  ? format
                  : MessageFormat.format(format, params)));
    }
  }
}
