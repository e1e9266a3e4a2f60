package dev.clerk.jakarta.security;

import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.request.RequestState;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Jetty whose first filter plays a Jakarta Security container around a {@link
 * ClerkAuthenticationMechanism}: for each request it builds a {@link TestMessageContext}, calls
 * {@code validateRequest}, and then does what a container does with the answer. {@code /api/*}
 * needs an authenticated caller (role {@code **}), {@code /admin/*} role {@code org:admin}: an
 * anonymous caller gets the container's 401, a caller without the role its 403. Servlet {@code /*}
 * prints what the application sees. Listens on an ephemeral port of 127.0.0.1. Not thread-safe;
 * {@link #close()} it.
 */
final class MechanismHarness {
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final BlockingQueue<AuthenticationStatus> statuses = new LinkedBlockingQueue<>();
  final List<TestMessageContext> contexts = new CopyOnWriteArrayList<>();
  private final Server server;
  private final String base;

  /**
   * @param mechanism the mechanism, started from the application's {@code ServletContext} (a
   *     listener) unless it was given a Clerk
   * @param predecided a decision an earlier layer stored in the request attributes, or null
   * @param clerkFilterParams init-params of a {@code ClerkFilter} mapped behind the container, or
   *     null for none
   */
  MechanismHarness(
      ClerkAuthenticationMechanism mechanism,
      RequestState predecided,
      Map<String, String> clerkFilterParams)
      throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addEventListener(
        new ServletContextListener() {
          @Override
          public void contextInitialized(ServletContextEvent sce) {
            if (mechanism.toString().contains("not started")) {
              mechanism.start(sce.getServletContext());
            }
          }
        });
    if (predecided != null) {
      context.addFilter(
          new FilterHolder(
              (Filter)
                  (req, res, chain) -> {
                    req.setAttribute(ClerkAuth.STATE_ATTRIBUTE, predecided);
                    req.setAttribute(ClerkAuth.ATTRIBUTE, predecided.auth());
                    chain.doFilter(req, res);
                  }),
          "/*",
          EnumSet.of(DispatcherType.REQUEST));
    }
    context.addFilter(
        new FilterHolder(new Container(mechanism)), "/*", EnumSet.of(DispatcherType.REQUEST));
    if (clerkFilterParams != null) {
      FilterHolder clerkFilter = new FilterHolder(dev.clerk.jakarta.filter.ClerkFilter.class);
      clerkFilter.setName("ClerkFilter");
      clerkFilter.setInitParameters(clerkFilterParams);
      context.addFilter(clerkFilter, "/*", EnumSet.allOf(DispatcherType.class));
    }
    context.addServlet(WhoAmI.class, "/*");
    server.setHandler(context);
    server.start();
    base = "http://127.0.0.1:" + connector.getLocalPort();
  }

  /** {@return the response to GET {@code path} with the given header name/value pairs} */
  HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@return the response to {@code method path} with the given header name/value pairs} */
  HttpResponse<String> send(String method, String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * {@return the statuses the mechanism returned so far, waiting up to 10 s for {@code count} of
   * them} A response the mechanism wrote itself reaches the client before the container sees the
   * status.
   */
  List<AuthenticationStatus> statuses(int count) throws InterruptedException {
    List<AuthenticationStatus> out = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (out.size() < count) {
      AuthenticationStatus s =
          statuses.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (s == null) {
        break;
      }
      out.add(s);
    }
    statuses.drainTo(out);
    return out;
  }

  /** The base URL, {@code http://127.0.0.1:<port>}. */
  String base() {
    return base;
  }

  void close() throws Exception {
    server.stop();
  }

  /** Plays the container's security around the mechanism. */
  private final class Container implements Filter {
    private final ClerkAuthenticationMechanism mechanism;

    Container(ClerkAuthenticationMechanism mechanism) {
      this.mechanism = mechanism;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest request = (HttpServletRequest) req;
      HttpServletResponse response = (HttpServletResponse) res;
      String path = request.getRequestURI();
      String role =
          path.startsWith("/admin/") ? "org:admin" : path.startsWith("/api/") ? "**" : null;
      boolean authenticate = "true".equals(request.getParameter("authenticate"));
      TestMessageContext ctx =
          new TestMessageContext(request, response, role != null, authenticate);
      contexts.add(ctx);
      AuthenticationStatus status;
      try {
        status = mechanism.validateRequest(request, response, ctx);
      } catch (AuthenticationException e) {
        throw new ServletException(e);
      }
      statuses.add(status);
      switch (status) {
        case SUCCESS -> {
          Principal caller = ctx.getCallerPrincipal();
          Set<String> groups = ctx.getGroups();
          if (role != null && !role.equals("**") && !groups.contains(role)) {
            response.sendError(403);
            return;
          }
          chain.doFilter(new Caller(request, caller, groups), response);
        }
        case NOT_DONE -> {
          if (role != null) {
            response.sendError(401);
            return;
          }
          chain.doFilter(request, response);
        }
        default -> {
          // SEND_CONTINUE, SEND_FAILURE: the mechanism answered.
        }
      }
    }
  }

  /** The request as the container shows an authenticated caller. */
  private static final class Caller extends HttpServletRequestWrapper {
    private final Principal principal;
    private final Set<String> groups;

    Caller(HttpServletRequest request, Principal principal, Set<String> groups) {
      super(request);
      this.principal = principal;
      this.groups = groups;
    }

    @Override
    public Principal getUserPrincipal() {
      return principal;
    }

    @Override
    public String getRemoteUser() {
      return principal.getName();
    }

    @Override
    public boolean isUserInRole(String role) {
      return "**".equals(role) || groups.contains(role);
    }
  }

  /** Prints the caller, its roles, and the Clerk decision the application sees. */
  public static final class WhoAmI extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      Principal p = req.getUserPrincipal();
      Auth auth = (Auth) req.getAttribute(ClerkAuth.ATTRIBUTE);
      RequestState state = (RequestState) req.getAttribute(ClerkAuth.STATE_ATTRIBUTE);
      resp.setContentType("text/plain;charset=UTF-8");
      resp.getWriter()
          .print(
              "principal="
                  + (p == null
                      ? "anonymous"
                      : p.getName() + " (" + p.getClass().getSimpleName() + ")")
                  + "\nadmin="
                  + req.isUserInRole("org:admin")
                  + "\nread="
                  + req.isUserInRole("org:invoices:read")
                  + "\nauthenticated="
                  + (auth != null && auth.isAuthenticated())
                  + "\nreason="
                  + (state == null || state.reason() == null ? "-" : state.reason().value())
                  + "\n");
    }
  }
}
