package dev.clerk.jakarta.examples.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.ClerkOptions;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeClock;
import dev.clerk.jakarta.testing.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The first ten minutes, in a real browser: headless Debian Chromium, driven by Selenium through
 * Debian's chromedriver, against the example WAR ({@code src/main/webapp}, its {@code web.xml} and
 * servlets) in an embedded Tomcat beside a FakeClerk, as the README's run command starts them. It
 * signs in through the printed kind of link, lands signed in, lets the session token expire
 * (FakeClerk and the application share a {@link FakeClock}, moved two minutes on: no waiting),
 * navigates and lands signed in again after a real 307 handshake round trip through FakeClerk's
 * Frontend API, calls {@code /api/me} from the page, and signs out.
 *
 * <p>Skipped, saying what to install, where Chromium or chromedriver is missing ({@code .ci/run}
 * installs both). On failure the screenshot, page source and chromedriver log are under {@code
 * target/browser/}.
 */
class BrowserSignInTest {
  static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
  static final Path ARTIFACTS = Path.of("target", "browser");
  static final Duration WAIT = Duration.ofSeconds(20);

  FakeClock clock;
  FakeClerk fake;
  Clerk clerk;
  Tomcat tomcat;
  WebDriver browser;
  String app;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "no Chromium at "
            + CHROMIUM
            + " or no chromedriver at "
            + CHROMEDRIVER
            + ": the real-browser test is skipped."
            + " Install them with: apt-get install -y chromium chromium-driver (Debian; .ci/run does)");
    Files.createDirectories(ARTIFACTS);
    clock = FakeClock.now();
    fake = FakeClerk.builder().clock(clock).start();
    // The application reads the same settings as under the run command, and shares the test's
    // clock.
    clerk =
        Clerk.create(
            ClerkOptions.builderFromSources(
                    fake.settings().initParams(), Map.of(), new Properties())
                .clock(clock)
                .build());
    tomcat = startApplication(clerk);
    app = "http://localhost:" + tomcat.getConnector().getLocalPort();
    browser = startBrowser();
  }

  /**
   * The example WAR in an embedded Tomcat as {@link RunExample} starts it, with {@code clerk} as
   * the filter's Clerk.
   */
  static Tomcat startApplication(Clerk clerk) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(
        Files.createDirectories(ARTIFACTS.resolve("tomcat")).toAbsolutePath().toString());
    tomcat.setPort(0);
    tomcat.getConnector();
    tomcat.setAddDefaultWebXmlToWebapp(false);
    Context ctx = tomcat.addWebapp("", Path.of("src/main/webapp").toAbsolutePath().toString());
    Wrapper defaultServlet =
        Tomcat.addServlet(ctx, "default", "org.apache.catalina.servlets.DefaultServlet");
    defaultServlet.setLoadOnStartup(1);
    ctx.addServletMappingDecoded("/", "default");
    ctx.setParentClassLoader(BrowserSignInTest.class.getClassLoader());
    StandardJarScanner scanner = new StandardJarScanner();
    scanner.setScanClassPath(false);
    ctx.setJarScanner(scanner);
    // ClerkFilter takes the application's Clerk from the ServletContext (Clerk.CONTEXT_ATTRIBUTE).
    ctx.addServletContainerInitializer(
        (classes, servletContext) -> servletContext.setAttribute(Clerk.CONTEXT_ATTRIBUTE, clerk),
        null);
    tomcat.start();
    return tomcat;
  }

  static WebDriver startBrowser() throws IOException {
    Path profile =
        Files.createTempDirectory(
            Files.createDirectories(ARTIFACTS.toAbsolutePath()), "chromium-profile-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    // The driver is named: Selenium Manager has nothing to look up or download.
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withLogFile(ARTIFACTS.resolve("chromedriver.log").toFile())
            .build();
    return new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      // The Clerk first: its threads end before Tomcat looks for threads the application left.
      if (clerk != null) {
        clerk.close();
      }
      try {
        if (tomcat != null) {
          tomcat.stop();
          tomcat.destroy();
        }
      } finally {
        if (fake != null) {
          fake.close();
        }
      }
    }
  }

  @Test
  void browserWhenSignInExpiryHandshakeApiCallAndSignOutThenEachLandsAsAUserSees(TestInfo test)
      throws Throwable {
    try {
      walkThrough();
    } catch (Throwable t) {
      keepEvidence(test.getTestMethod().orElseThrow().getName());
      throw t;
    }
  }

  private void walkThrough() throws Exception {
    browser.get(app + "/");
    assertEquals("Signed out", status());

    // 1. Sign in through FakeClerk's link, as the run command prints it.
    browser.get(fake.frontend().signInUrl(app + "/", "user_demo", "org_demo", "org:admin"));
    waitForStatus("Signed in as user_demo");
    assertEquals(
        app + "/", browser.getCurrentUrl(), "the handshake parameter is removed from the address");
    String firstToken = cookie("__session");
    String sessionId = (String) claims(firstToken).get("sid");
    assertTrue(sessionId.startsWith("sess_"), sessionId);

    // 2. The 60-second session token expires (both clocks move two minutes on).
    clock.advance(Duration.ofMinutes(2));
    fake.clearRequests();

    // 3. Navigate: the application sends the browser through a 307 handshake to FakeClerk, which
    //    knows the browser and answers with a fresh token of the same session.
    browser.get(app + "/admin/");
    new WebDriverWait(browser, WAIT)
        .until(b -> b.getPageSource().contains("Welcome, user_demo (org:admin: true)"));
    assertEquals(app + "/admin/", browser.getCurrentUrl());
    List<RecordedRequest> handshakes = fake.requests("/v1/client/handshake");
    assertEquals(1, handshakes.size(), fake.requests().toString());
    RecordedRequest handshake = handshakes.get(0);
    assertEquals(app + "/admin/", handshake.queryParam("redirect_url"));
    assertTrue(
        handshake.queryParam("__clerk_hs_reason").startsWith("session-token-expired"),
        handshake.queryParam("__clerk_hs_reason"));
    assertEquals(
        1,
        fake.requestCount("/v1/clients/handshake_payload"),
        "the application fetched the nonce's cookies");
    String secondToken = cookie("__session");
    assertNotEquals(firstToken, secondToken);
    assertEquals(sessionId, claims(secondToken).get("sid"), "the same session, a new token");
    assertEquals(
        clock.instant().getEpochSecond(), ((Number) claims(secondToken).get("iat")).longValue());

    // 4. The home page calls /api/me with fetch(), as a front end would.
    browser.get(app + "/");
    waitForStatus("Signed in as user_demo");
    Object me =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('api/me').then(r => r.text().then(t => done(r.status + ' ' + t)), e => done('failed ' + e));");
    assertEquals(
        "200 {\"userId\":\"user_demo\",\"sessionId\":\""
            + sessionId
            + "\",\"orgId\":\"org_demo\","
            + "\"orgRole\":\"org:admin\",\"orgPermissions\":[],\"tokenType\":\"session_token\"}",
        me);

    // 5. Sign out: the session ends at Clerk and the page says so.
    browser.findElement(By.id("sign-out")).click();
    waitForStatus("Signed out");
    assertEquals(app + "/", browser.getCurrentUrl());
    assertEquals(1, fake.requests("/v1/sessions/" + sessionId + "/revoke").size());
    assertEquals(
        "revoked",
        fake.backendApi().directory().sessions().stream()
            .filter(s -> sessionId.equals(s.get("id")))
            .findFirst()
            .orElseThrow()
            .get("status"));
    assertFalse(
        browser.manage().getCookies().stream().anyMatch(c -> c.getName().equals("__session")),
        browser.manage().getCookies().toString());
    assertEquals("401", fetchStatus("api/me"));
  }

  private Object fetchStatus(String path) {
    return ((JavascriptExecutor) browser)
        .executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch('"
                + path
                + "').then(r => done(String(r.status)), e => done('failed ' + e));");
  }

  private String status() {
    return browser.findElement(By.id("status")).getText();
  }

  private void waitForStatus(String expected) {
    // The page may be replaced between finding the element and reading it (a click's navigation).
    new WebDriverWait(browser, WAIT)
        .withMessage(() -> "the home page never said \"" + expected + "\"")
        .ignoring(StaleElementReferenceException.class)
        .until(
            b ->
                b.findElements(By.id("status")).stream()
                    .anyMatch(e -> e.getText().equals(expected)));
  }

  private String cookie(String name) {
    Cookie c = browser.manage().getCookieNamed(name);
    assertTrue(c != null, "no " + name + " cookie: " + browser.manage().getCookies());
    return c.getValue();
  }

  private static Map<String, Object> claims(String jwt) throws Exception {
    return JsonUtil.parseJson(
        new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  /** The screenshot and the page source of the failure, under {@code target/browser/}. */
  private void keepEvidence(String name) throws IOException {
    if (browser == null) {
      return;
    }
    Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, ARTIFACTS.resolve(name + "-failure.png"), StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(
        ARTIFACTS.resolve(name + "-failure.html"),
        "<!-- " + browser.getCurrentUrl() + " -->\n" + browser.getPageSource());
  }
}
