package dev.clerk.jakarta.benchmarks;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.filter.ClerkFilter;
import dev.clerk.jakarta.jaxrs.ClerkAuthFeature;
import dev.clerk.jakarta.jaxrs.RequireSignIn;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * End to end in an embedded container: requests per second of a protected endpoint with a valid
 * token next to an unprotected one, over loopback, in one embedded Jetty 12 ({@code ee10}):
 *
 * <ul>
 *   <li>{@code servlet-open} {@code /open/hello}: a servlet without the filter;
 *   <li>{@code servlet-protected} {@code /filter/hello}: the same servlet behind {@link
 *       ClerkFilter} ({@code protect=/filter/*});
 *   <li>{@code jaxrs-open} {@code /rs-open/hello}: a Jersey resource in an application without
 *       Clerk;
 *   <li>{@code jaxrs-protected} {@code /rs/hello}: the same resource, {@link RequireSignIn}, in an
 *       application with {@link ClerkAuthFeature}.
 * </ul>
 *
 * <p>Every request is the same {@code GET} with {@code Authorization: Bearer <valid session token>}
 * (one token: the verified-token cache is warm, as for a page's calls), so the open endpoints read
 * the same bytes and only Clerk's work differs. The load: {@code connections} client threads, each
 * with its own keep-alive socket, send a request and read the whole response ({@code 200 ok},
 * checked) in a loop, for {@code seconds} per window. After a warm-up, {@code rounds} rounds
 * measure each endpoint once, in an order rotated each round; each ratio is taken within a round
 * (protected and open measured a few seconds apart) and the median over the rounds is reported, so
 * that the load of a shared machine moves both sides alike. Allocation per request counts every
 * thread of the JVM (server and client).
 *
 * <p>Run: {@code java -cp benchmarks.jar dev.clerk.jakarta.benchmarks.EndToEnd <out.tsv>}, with
 * {@code -De2e.seconds=2 -De2e.rounds=5 -De2e.connections=4 -De2e.warmup=5} (the defaults).
 */
public final class EndToEnd {
  static final List<String> ENDPOINTS =
      List.of("servlet-open", "servlet-protected", "jaxrs-open", "jaxrs-protected");
  private static final Map<String, String> PATHS =
      Map.of(
          "servlet-open", "/open/hello",
          "servlet-protected", "/filter/hello",
          "jaxrs-open", "/rs-open/hello",
          "jaxrs-protected", "/rs/hello");

  private EndToEnd() {}

  /** The servlet behind both servlet endpoints. */
  public static final class OkServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      resp.setContentLength(2);
      PrintWriter w = resp.getWriter();
      w.write("ok");
    }
  }

  /** The resource of the application without Clerk. */
  @jakarta.ws.rs.Path("hello")
  public static final class OpenResource {
    /** {@return ok} */
    @GET
    @Produces("text/plain")
    public String hello() {
      return "ok";
    }
  }

  /** The resource of the application with Clerk: signed in only. */
  @jakarta.ws.rs.Path("hello")
  @RequireSignIn
  public static final class ProtectedResource {
    /** {@return ok} */
    @GET
    @Produces("text/plain")
    public String hello() {
      return "ok";
    }
  }

  /**
   * Runs the measurement and writes one line per endpoint: name, median requests/s, median bytes
   * allocated per request, and the per-round values.
   *
   * @param args the output file
   * @throws Exception on a failed request or server
   */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/e2e.tsv");
    double seconds = Double.parseDouble(System.getProperty("e2e.seconds", "2"));
    int rounds = Integer.getInteger("e2e.rounds", 5);
    int connections = Integer.getInteger("e2e.connections", 4);
    double warmup = Double.parseDouble(System.getProperty("e2e.warmup", "5"));
    try (Fixture fixture = Fixture.start();
        Clerk clerk = fixture.clerk()) {
      Server server = server(clerk);
      server.start();
      try {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        String token = fixture.token(0);
        Map<String, List<Window>> results = new LinkedHashMap<>();
        for (String e : ENDPOINTS) {
          results.put(e, new ArrayList<>());
          run(port, e, token, connections, warmup); // warm-up: JIT, caches, connections
        }
        for (int r = 0; r < rounds; r++) {
          for (int i = 0; i < ENDPOINTS.size(); i++) {
            String e = ENDPOINTS.get((i + r) % ENDPOINTS.size());
            windows(results, e).add(run(port, e, token, connections, seconds));
          }
        }
        write(out, results, rounds, connections, seconds);
      } finally {
        server.stop();
      }
    }
  }

  private static Server server(Clerk clerk) {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(new OkServlet()), "/open/*");
    context.addServlet(new ServletHolder(new OkServlet()), "/filter/*");
    FilterHolder filter = new FilterHolder(new ClerkFilter(clerk));
    filter.setInitParameter(ClerkFilter.PROTECT_PARAM, "/filter/*");
    context.addFilter(filter, "/filter/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(
        new ServletHolder(
            new ServletContainer(
                new ResourceConfig()
                    .register(ProtectedResource.class)
                    .register(new ClerkAuthFeature(clerk)))),
        "/rs/*");
    context.addServlet(
        new ServletHolder(new ServletContainer(new ResourceConfig().register(OpenResource.class))),
        "/rs-open/*");
    server.setHandler(context);
    return server;
  }

  /** One measured window of one endpoint. */
  record Window(double requestsPerSecond, double bytesPerRequest) {}

  private static Window run(
      int port, String endpoint, String token, int connections, double seconds) throws Exception {
    byte[] request =
        ("GET "
                + PATHS.get(endpoint)
                + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\nAccept: */*\r\n"
                + "User-Agent: clerk-jakarta-benchmarks\r\nAuthorization: Bearer "
                + token
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    AtomicLong requests = new AtomicLong();
    List<Throwable> failures = new ArrayList<>();
    CountDownLatch ready = new CountDownLatch(connections);
    CountDownLatch go = new CountDownLatch(1);
    long[] deadline = new long[1];
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Thread t =
          new Thread(
              () -> {
                try (Socket s = new Socket()) {
                  s.setTcpNoDelay(true);
                  s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                  OutputStream o = s.getOutputStream();
                  InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
                  exchange(
                      o, in, request); // the connection is open and served before the clock starts
                  ready.countDown();
                  go.await();
                  long n = 0;
                  while (System.nanoTime() < deadline[0]) {
                    exchange(o, in, request);
                    n++;
                  }
                  requests.addAndGet(n);
                } catch (Throwable e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                  ready.countDown();
                }
              },
              "e2e-client-" + c);
      threads.add(t);
      t.start();
    }
    ready.await();
    long allocatedBefore = allocatedBytes();
    long start = System.nanoTime();
    deadline[0] = start + (long) (seconds * 1e9);
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    long elapsed = System.nanoTime() - start;
    long allocated = allocatedBytes() - allocatedBefore;
    if (!failures.isEmpty()) {
      throw new IllegalStateException(endpoint + ": " + failures.get(0), failures.get(0));
    }
    long n = requests.get();
    return new Window(n / (elapsed / 1e9), n == 0 ? 0 : (double) allocated / n);
  }

  /**
   * Sends the request and reads the response: {@code 200}, {@code Content-Length: 2}, {@code ok}.
   */
  private static void exchange(OutputStream out, InputStream in, byte[] request)
      throws IOException {
    out.write(request);
    out.flush();
    String status = line(in);
    if (!status.startsWith("HTTP/1.1 200")) {
      throw new IOException("unexpected status: " + status);
    }
    int length = -1;
    boolean chunked = false;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      String name = colon < 0 ? h : h.substring(0, colon).trim();
      if (name.equalsIgnoreCase("content-length")) {
        length = Integer.parseInt(h.substring(colon + 1).trim());
      } else if (name.equalsIgnoreCase("transfer-encoding")) {
        chunked = h.substring(colon + 1).trim().equalsIgnoreCase("chunked");
      }
    }
    byte[] body;
    if (chunked) {
      StringBuilder b = new StringBuilder();
      for (int size = Integer.parseInt(line(in).trim(), 16);
          size > 0;
          size = Integer.parseInt(line(in).trim(), 16)) {
        b.append(new String(in.readNBytes(size), StandardCharsets.US_ASCII));
        line(in);
      }
      line(in);
      body = b.toString().getBytes(StandardCharsets.US_ASCII);
    } else if (length >= 0) {
      body = in.readNBytes(length);
    } else {
      throw new IOException("no length: the connection would not be kept alive");
    }
    if (body.length != 2 || body[0] != 'o' || body[1] != 'k') {
      throw new IOException("unexpected body: " + new String(body, StandardCharsets.US_ASCII));
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  /** {@return the bytes allocated so far by every live thread of this JVM} */
  private static long allocatedBytes() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long a : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      if (a > 0) {
        sum += a;
      }
    }
    return sum;
  }

  /**
   * {@return the measured windows of {@code endpoint}} One of {@link #ENDPOINTS}, else it fails.
   */
  private static List<Window> windows(Map<String, List<Window>> results, String endpoint) {
    List<Window> w = results.get(endpoint);
    if (w == null) {
      throw new IllegalStateException("no measurements of endpoint " + endpoint);
    }
    return w;
  }

  private static void write(
      Path out, Map<String, List<Window>> results, int rounds, int connections, double seconds)
      throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("# rounds=")
        .append(rounds)
        .append(" connections=")
        .append(connections)
        .append(" seconds=")
        .append(seconds)
        .append('\n');
    for (Map.Entry<String, List<Window>> e : results.entrySet()) {
      double[] rps = e.getValue().stream().mapToDouble(Window::requestsPerSecond).toArray();
      double[] bytes = e.getValue().stream().mapToDouble(Window::bytesPerRequest).toArray();
      b.append(e.getKey())
          .append('\t')
          .append(median(rps))
          .append('\t')
          .append(median(bytes))
          .append('\t')
          .append(Arrays.toString(rps))
          .append('\n');
    }
    for (String kind : List.of("servlet", "jaxrs")) {
      List<Window> open = windows(results, kind + "-open");
      List<Window> prot = windows(results, kind + "-protected");
      double[] ratios = new double[open.size()];
      for (int i = 0; i < ratios.length; i++) {
        ratios[i] = prot.get(i).requestsPerSecond() / open.get(i).requestsPerSecond();
      }
      b.append(kind)
          .append("-ratio\t")
          .append(median(ratios))
          .append("\t0\t")
          .append(Arrays.toString(ratios))
          .append('\n');
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, b.toString(), StandardCharsets.UTF_8);
    System.out.print(b);
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length == 0
        ? Double.NaN
        : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
