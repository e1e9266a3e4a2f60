package dev.clerk.jakarta.examples.servlet;

import dev.clerk.jakarta.core.ClerkSetting;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeFrontendApi;
import dev.clerk.jakarta.testing.WebhookDelivery;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * Runs the example WAR in an embedded Tomcat on {@code http://localhost:8080} ({@code PORT} or
 * {@code -Dport} to change it): {@code mvn -B -q -pl examples/servlet-war -am -DskipTests -Prun
 * verify}.
 *
 * <p>Without Clerk keys in the environment it starts {@link FakeClerk} beside the app (with its
 * Frontend API, {@link FakeFrontendApi}), points the app at it through system properties, and
 * prints a {@code curl} line with a fresh Bearer token and a link that signs a browser in through a
 * real {@code __clerk_handshake}. With {@code CLERK_SECRET_KEY}/{@code CLERK_PUBLISHABLE_KEY} (or
 * {@code CLERK_JWT_KEY}) set, the app uses the real Clerk instance they name.
 *
 * <p>Lives in test scope so that the WAR never carries Tomcat or FakeClerk.
 */
public final class RunExample {
  private static final List<String> KEY_VARS =
      List.of(
          ClerkSetting.SECRET_KEY.envVar(),
          ClerkSetting.PUBLISHABLE_KEY.envVar(),
          ClerkSetting.JWT_KEY.envVar());

  private RunExample() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1 || !Files.isRegularFile(Path.of(args[0], "WEB-INF", "web.xml"))) {
      throw new IllegalArgumentException(
          "usage: RunExample <exploded WAR directory> (run mvn package first)");
    }
    PrintStream out = System.out;
    int port = port();
    checkPortFree(port);
    Map<String, String> env = System.getenv();
    boolean realKeys = KEY_VARS.stream().anyMatch(v -> env.get(v) != null && !env.get(v).isBlank());

    FakeClerk fake = null;
    FakeFrontendApi frontend = null;
    if (!realKeys) {
      fake = FakeClerk.start();
      frontend = fake.frontend();
      // The filter reads init-params, then environment variables, then system properties.
      // FakeClerk's
      // settings: its keys, its URL as the Backend API and as the proxy (so handshakes go to its
      // Frontend API instead of the made-up host in the publishable key), its webhook signing
      // secret.
      fake.settings().systemProperties().forEach(System::setProperty);
      for (ClerkSetting s : ClerkSetting.values()) {
        if (env.containsKey(s.envVar())) {
          out.println(
              "warning: "
                  + s.envVar()
                  + " is set in the environment and overrides the FakeClerk setting");
        }
      }
    }

    Tomcat tomcat = new Tomcat();
    // Beside the exploded WAR (in target/), not in the system temp directory: nothing is left
    // behind
    // that mvn clean does not remove.
    tomcat.setBaseDir(
        Files.createDirectories(
                Path.of(args[0]).toAbsolutePath().normalize().resolveSibling("example-tomcat"))
            .toString());
    tomcat.setPort(port);
    tomcat.getConnector();
    // Tomcat's defaults minus JSP, which this WAR does not use (and Jasper is not on the class
    // path).
    tomcat.setAddDefaultWebXmlToWebapp(false);
    Context ctx = tomcat.addWebapp("", Path.of(args[0]).toAbsolutePath().toString());
    Wrapper defaultServlet =
        Tomcat.addServlet(ctx, "default", "org.apache.catalina.servlets.DefaultServlet");
    defaultServlet.setLoadOnStartup(1);
    ctx.addServletMappingDecoded("/", "default");
    // Under exec:java the system class loader is Maven's: the webapp must see Tomcat through ours,
    // but not our SLF4J (FakeClerk's jose4j brings it): the WAR has its own, with its binding, as
    // in
    // a real container, whose class path has none (two bindings in sight make SLF4J complain).
    ctx.setParentClassLoader(
        new HidingClassLoader(RunExample.class.getClassLoader(), "org/slf4j/"));
    StandardJarScanner scanner = new StandardJarScanner();
    scanner.setScanClassPath(false);
    ctx.setJarScanner(scanner);
    try {
      tomcat.start();
    } catch (LifecycleException e) {
      if (fake != null) {
        fake.close();
      }
      throw e;
    }
    if (!ctx.getState().isAvailable()) {
      tomcat.stop();
      if (fake != null) {
        fake.close();
      }
      throw new IllegalStateException("the example application failed to start; see the log above");
    }
    FakeClerk fakeToClose = fake;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    tomcat.stop();
                    tomcat.destroy();
                  } catch (LifecycleException e) {
                    System.getLogger(RunExample.class.getName())
                        .log(
                            System.Logger.Level.WARNING,
                            "could not stop Tomcat: " + e.getMessage());
                  }
                  if (fakeToClose != null) {
                    fakeToClose.close();
                  }
                }));

    String app = "http://localhost:" + port;
    out.println();
    out.println("Clerk servlet example running on " + app + "/");
    if (fake != null && frontend != null) {
      String token =
          fake.sessionToken()
              .subject("user_demo")
              .sessionId("sess_demo")
              .authorizedParty(app)
              .organizationV1("org_demo", "demo", "org:admin", "org:sys_profile:read")
              .expiresIn(Duration.ofHours(1))
              .sign();
      out.println(
          "Clerk: FakeClerk (development instance) at " + fake.apiUrl() + " (no CLERK_* keys set)");
      out.println();
      out.println("  Call the API with a fresh Bearer token (valid 1 hour):");
      out.println("    curl -i -H 'Authorization: Bearer " + token + "' " + app + "/api/me");
      out.println();
      out.println(
          "  Sign a browser in (user_demo, org:admin) through a real __clerk_handshake; its 60-second token is");
      out.println(
          "  refreshed through a handshake with FakeClerk, and the page's Sign out button ends the session:");
      out.println("    " + frontend.signInUrl(app + "/", "user_demo", "org_demo", "org:admin"));
      out.println();
      out.println("  Send a signed user.created webhook, as Clerk would (valid 5 minutes):");
      out.println("    " + webhookCurl(fake, app + "/webhooks/clerk"));
    } else {
      out.println("Clerk: the instance of CLERK_PUBLISHABLE_KEY");
    }
    out.println();
    out.println(
        "  GET /health, / (public; Sign out button when signed in), /api/me (signed in), /admin/ (org:admin),"
            + " POST /sign-out, POST /webhooks/clerk (Clerk webhooks). Stop with Ctrl+C.");
    out.flush();
    tomcat.getServer().await();
  }

  private static String webhookCurl(FakeClerk fake, String url) {
    Map<String, Object> user =
        fake.backendApi().directory().addUser("demo@example.com", "Demo", "User");
    WebhookDelivery d = fake.webhooks().event("user.created", user);
    StringBuilder sb = new StringBuilder("curl -i");
    d.headers().forEach((k, v) -> sb.append(" -H '").append(k).append(": ").append(v).append('\''));
    // Sent byte for byte; a single quote would end the shell word, so it is closed, escaped,
    // reopened.
    return sb.append(" --data-binary '")
        .append(d.bodyText().replace("'", "'\\''"))
        .append("' ")
        .append(url)
        .toString();
  }

  private static int port() {
    String p = System.getenv("PORT");
    if (p == null || p.isBlank()) {
      p = System.getProperty("port", "8080");
    }
    try {
      int port = Integer.parseInt(p.trim());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("PORT must be a port number, got \"" + p + "\"", e);
    }
  }

  private static void checkPortFree(int port) throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(port));
    } catch (BindException e) {
      String message =
          "Port "
              + port
              + " is already in use. Stop what is running there, or choose another"
              + " port: PORT=8081 mvn -B -q -pl examples/servlet-war -am -DskipTests -Prun verify";
      // The exception's message is what Maven prints: it names the port and the way out.
      throw new IllegalStateException(message, e);
    }
  }

  /**
   * A parent class loader that hides the classes and resources under one path (a URLClassLoader
   * without URLs, which Tomcat's class path scan passes through to the real one).
   */
  private static final class HidingClassLoader extends URLClassLoader {
    private final String hidden;

    HidingClassLoader(ClassLoader parent, String hidden) {
      super(new URL[0], parent);
      this.hidden = hidden;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.replace('.', '/').startsWith(hidden)) {
        throw new ClassNotFoundException(name);
      }
      return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
      return name.startsWith(hidden) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return name.startsWith(hidden) ? Collections.emptyEnumeration() : super.getResources(name);
    }
  }
}
