package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.ClerkOptions;
import dev.clerk.jakarta.core.ClerkSetting;
import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.auth.ClerkPrincipal;
import dev.clerk.jakarta.core.internal.CorsPreflight;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.request.ResponseHeader;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The servlet filter that authenticates every request with Clerk, as Clerk's own backend SDK does
 * (session cookies, {@code Authorization: Bearer} session and machine tokens, handshake), and
 * protects the paths it is told to.
 *
 * <p>For each request it builds a {@link ClerkRequest}, asks {@link Clerk#authenticateRequest}, and
 * applies the {@link RequestState}: it adds all of the state's headers to the response; when the
 * state carries a {@link RequestState#reply() reply} (a 307 handshake redirect, possibly with several
 * {@code Set-Cookie}, or a 401 interstitial page) it sends it and stops; otherwise the request
 * continues, signed in or anonymous; the state's {@code Set-Cookie} then survive a later {@code
 * setHeader("Set-Cookie", …)} downstream (as a JAX-RS runtime writes its response). Signed in, servlets see a request whose {@code
 * getUserPrincipal()} is a {@link ClerkPrincipal}, {@code getRemoteUser()} the user id (or the
 * machine token's subject), {@code getAuthType()} {@value #AUTH_TYPE} and {@code isUserInRole(r)}
 * true for the active organization role and organization permissions. In every case the request
 * attributes {@link ClerkAuth#ATTRIBUTE} (the {@link Auth}) and {@link ClerkAuth#STATE_ATTRIBUTE}
 * (the {@link RequestState}, which the JAX-RS module reuses instead of verifying again) are set.
 *
 * <h2>Protected paths</h2>
 *
 * <p>Nothing is protected unless {@value #PROTECT_PARAM} names it. {@value #PROTECT_PARAM} and
 * {@value #PUBLIC_PARAM} are lists (commas or whitespace) of servlet url-patterns ({@code /exact},
 * {@code /prefix/*}, {@code *.ext}, {@code /}) matched on the path inside the application, with the
 * servlet specification's precedence: the most specific pattern decides, and on a tie {@value
 * #PROTECT_PARAM} wins. So {@code protect=/*} with {@code public=/health,/assets/*} protects all but
 * those. A {@value #PROTECT_PARAM} entry may require roles: {@code /admin/*=org:admin}, or any of
 * several with {@code /billing/*=org:admin|org:billing:manage}; roles are checked with {@link
 * ClerkPrincipal#isInRole} (organization role or permission, with or without {@code org:}).
 *
 * <p>Paths are matched on a normalised form of the raw request URI ({@code ;} parameters removed,
 * {@code //}, {@code .} and {@code ..} resolved) and on the container's servlet path; when they differ
 * the stricter outcome applies. A request with an escaped {@code /}, {@code \} or dot segment, or a
 * {@code ..} leaving the application, is answered with 400 when any path is protected. On a
 * protected path:
 *
 * <ul>
 *   <li>signed out: 401 with {@code WWW-Authenticate: Bearer} ({@code error="invalid_token"} when a
 *       token was presented, RFC 6750) and a small JSON body, or an HTML page for a browser; a
 *       browser page is redirected to {@value #SIGN_IN_URL_PARAM} with {@code redirect_url} when one
 *       is configured;
 *   <li>Clerk could not decide (JWKS or Backend API down): 503;
 *   <li>signed in without a required role: 403 with {@code error="insufficient_scope"}.
 * </ul>
 *
 * <p>Rules apply to the client's request ({@code REQUEST} dispatch), as servlet security constraints
 * do; forwards, includes, error and async dispatches see the same principal without a second
 * verification. CORS preflights ({@code OPTIONS} with {@code Origin} and {@code
 * Access-Control-Request-Method}) pass through untouched; any other {@code OPTIONS} is protected
 * like every request. A Clerk outage is never a 500: the request is signed out with its reason (503 on
 * a protected path), logged once per cause.
 *
 * <h2>Configuration</h2>
 *
 * <p>In {@code web.xml}, map it to {@code /*} for all dispatcher types and mark it {@code
 * async-supported}. Every Clerk setting is read from its init-param, else its environment variable,
 * else its system property ({@link ClerkSetting}, through {@link ClerkOptions#builderFromSources});
 * a missing or malformed setting fails the deployment with a message naming it. The filter shares
 * its {@link Clerk} through the {@code ServletContext} attribute {@link Clerk#CONTEXT_ATTRIBUTE}: if
 * one is already there (another filter, the JAX-RS feature, the application), it is reused and the
 * Clerk init-params of this filter are ignored. The creator owns it: {@link #destroy()} closes the
 * {@link Clerk} this filter created (once, also when the JAX-RS feature shared it), never one it was
 * given or found in the attribute.
 *
 * <table class="striped">
 *   <caption>Init-params</caption>
 *   <thead><tr><th>init-param</th><th>fallback environment variable</th><th>default</th></tr></thead>
 *   <tbody>
 *   <tr><td>{@value #PROTECT_PARAM}</td><td>—</td><td>nothing protected</td></tr>
 *   <tr><td>{@value #PUBLIC_PARAM}</td><td>—</td><td>—</td></tr>
 *   <tr><td>{@value #SECRET_KEY_PARAM}</td><td>{@code CLERK_SECRET_KEY}</td><td>— (required unless <code>jwt-key</code>)</td></tr>
 *   <tr><td>{@value #PUBLISHABLE_KEY_PARAM}</td><td>{@code CLERK_PUBLISHABLE_KEY}</td><td>— (required)</td></tr>
 *   <tr><td>{@value #JWT_KEY_PARAM}</td><td>{@code CLERK_JWT_KEY}</td><td>— (networkless verification)</td></tr>
 *   <tr><td>{@value #MACHINE_SECRET_KEY_PARAM}</td><td>{@code CLERK_MACHINE_SECRET_KEY}</td><td>— (the secret key)</td></tr>
 *   <tr><td>{@value #AUTHORIZED_PARTIES_PARAM}</td><td>{@code CLERK_AUTHORIZED_PARTIES}</td><td>none: <code>azp</code> not checked</td></tr>
 *   <tr><td>{@value #AUDIENCE_PARAM}</td><td>{@code CLERK_AUDIENCE}</td><td>none: <code>aud</code> not checked</td></tr>
 *   <tr><td>{@value #CLOCK_SKEW_MS_PARAM}</td><td>{@code CLERK_CLOCK_SKEW_MS}</td><td>5000</td></tr>
 *   <tr><td>{@value #API_URL_PARAM}</td><td>{@code CLERK_API_URL}</td><td><code>https://api.clerk.com</code></td></tr>
 *   <tr><td>{@value #API_VERSION_PARAM}</td><td>{@code CLERK_API_VERSION}</td><td><code>v1</code></td></tr>
 *   <tr><td>{@value #DOMAIN_PARAM}</td><td>{@code CLERK_DOMAIN}</td><td>—</td></tr>
 *   <tr><td>{@value #IS_SATELLITE_PARAM}</td><td>{@code CLERK_IS_SATELLITE}</td><td>false</td></tr>
 *   <tr><td>{@value #SATELLITE_AUTO_SYNC_PARAM}</td><td>{@code CLERK_SATELLITE_AUTO_SYNC}</td><td>false</td></tr>
 *   <tr><td>{@value #PROXY_URL_PARAM}</td><td>{@code CLERK_PROXY_URL}</td><td>—</td></tr>
 *   <tr><td>{@value #SIGN_IN_URL_PARAM}</td><td>{@code CLERK_SIGN_IN_URL}</td><td>— (documents on protected paths get 401, not a redirect)</td></tr>
 *   <tr><td>{@value #SIGN_UP_URL_PARAM}</td><td>{@code CLERK_SIGN_UP_URL}</td><td>—</td></tr>
 *   <tr><td>{@value #ACCEPTS_TOKEN_PARAM}</td><td>{@code CLERK_ACCEPTS_TOKEN}</td><td><code>session_token</code></td></tr>
 *   <tr><td>{@value #ORGANIZATION_PATTERNS_PARAM}</td><td>{@code CLERK_ORGANIZATION_PATTERNS}</td><td>—</td></tr>
 *   <tr><td>{@value #PERSONAL_ACCOUNT_PATTERNS_PARAM}</td><td>{@code CLERK_PERSONAL_ACCOUNT_PATTERNS}</td><td>—</td></tr>
 *   <tr><td>{@value #HANDSHAKE_MODE_PARAM}</td><td>{@code CLERK_HANDSHAKE_MODE}</td><td><code>redirect</code></td></tr>
 *   <tr><td>{@value #JWKS_CACHE_TTL_MS_PARAM}</td><td>{@code CLERK_JWKS_CACHE_TTL_MS}</td><td>300000</td></tr>
 *   <tr><td>{@value #JWKS_MIN_REFRESH_INTERVAL_MS_PARAM}</td><td>{@code CLERK_JWKS_MIN_REFRESH_INTERVAL_MS}</td><td>30000</td></tr>
 *   <tr><td>{@value #JWKS_MAX_STALENESS_MS_PARAM}</td><td>{@code CLERK_JWKS_MAX_STALENESS_MS}</td><td>3600000</td></tr>
 *   <tr><td>{@value #HTTP_CONNECT_TIMEOUT_MS_PARAM}</td><td>{@code CLERK_HTTP_CONNECT_TIMEOUT_MS}</td><td>2000</td></tr>
 *   <tr><td>{@value #HTTP_TIMEOUT_MS_PARAM}</td><td>{@code CLERK_HTTP_TIMEOUT_MS}</td><td>3000</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>Programmatically, with a {@link Clerk} of your own (its init-params then may only be {@value
 * #PROTECT_PARAM} and {@value #PUBLIC_PARAM}):
 *
 * <pre>
 * FilterRegistration.Dynamic reg = ClerkFilter.register(servletContext, Clerk.fromEnvironment());
 * reg.setInitParameter(ClerkFilter.PROTECT_PARAM, "/api/*, /admin/*=org:admin");
 * </pre>
 *
 * <p>Nothing registers itself: there is no {@code web-fragment.xml}.
 *
 * <p>Thread-safe once initialised, as the servlet container requires.
 *
 * @since 0.1
 */
public final class ClerkFilter implements Filter {
  /** {@link HttpServletRequest#getAuthType()} of a request Clerk signed in. */
  public static final String AUTH_TYPE = "CLERK";
  /** Init-param: url-patterns that need a signed-in request, optionally {@code =role|role}. */
  public static final String PROTECT_PARAM = "protect";
  /** Init-param: url-patterns that stay public inside protected ones. */
  public static final String PUBLIC_PARAM = "public";
  /** Init-param of {@link ClerkSetting#SECRET_KEY}. */
  public static final String SECRET_KEY_PARAM = "secret-key";
  /** Init-param of {@link ClerkSetting#PUBLISHABLE_KEY}. */
  public static final String PUBLISHABLE_KEY_PARAM = "publishable-key";
  /** Init-param of {@link ClerkSetting#JWT_KEY}. */
  public static final String JWT_KEY_PARAM = "jwt-key";
  /** Init-param of {@link ClerkSetting#MACHINE_SECRET_KEY}. */
  public static final String MACHINE_SECRET_KEY_PARAM = "machine-secret-key";
  /** Init-param of {@link ClerkSetting#AUTHORIZED_PARTIES}. */
  public static final String AUTHORIZED_PARTIES_PARAM = "authorized-parties";
  /** Init-param of {@link ClerkSetting#AUDIENCE}. */
  public static final String AUDIENCE_PARAM = "audience";
  /** Init-param of {@link ClerkSetting#CLOCK_SKEW_MS}. */
  public static final String CLOCK_SKEW_MS_PARAM = "clock-skew-ms";
  /** Init-param of {@link ClerkSetting#API_URL}. */
  public static final String API_URL_PARAM = "api-url";
  /** Init-param of {@link ClerkSetting#API_VERSION}. */
  public static final String API_VERSION_PARAM = "api-version";
  /** Init-param of {@link ClerkSetting#DOMAIN}. */
  public static final String DOMAIN_PARAM = "domain";
  /** Init-param of {@link ClerkSetting#IS_SATELLITE}. */
  public static final String IS_SATELLITE_PARAM = "is-satellite";
  /** Init-param of {@link ClerkSetting#SATELLITE_AUTO_SYNC}. */
  public static final String SATELLITE_AUTO_SYNC_PARAM = "satellite-auto-sync";
  /** Init-param of {@link ClerkSetting#PROXY_URL}. */
  public static final String PROXY_URL_PARAM = "proxy-url";
  /** Init-param of {@link ClerkSetting#SIGN_IN_URL}. */
  public static final String SIGN_IN_URL_PARAM = "sign-in-url";
  /** Init-param of {@link ClerkSetting#SIGN_UP_URL}. */
  public static final String SIGN_UP_URL_PARAM = "sign-up-url";
  /** Init-param of {@link ClerkSetting#ACCEPTS_TOKEN}. */
  public static final String ACCEPTS_TOKEN_PARAM = "accepts-token";
  /** Init-param of {@link ClerkSetting#ORGANIZATION_PATTERNS}. */
  public static final String ORGANIZATION_PATTERNS_PARAM = "organization-patterns";
  /** Init-param of {@link ClerkSetting#PERSONAL_ACCOUNT_PATTERNS}. */
  public static final String PERSONAL_ACCOUNT_PATTERNS_PARAM = "personal-account-patterns";
  /** Init-param of {@link ClerkSetting#HANDSHAKE_MODE}. */
  public static final String HANDSHAKE_MODE_PARAM = "handshake-mode";
  /** Init-param of {@link ClerkSetting#JWKS_CACHE_TTL_MS}. */
  public static final String JWKS_CACHE_TTL_MS_PARAM = "jwks-cache-ttl-ms";
  /** Init-param of {@link ClerkSetting#JWKS_MIN_REFRESH_INTERVAL_MS}. */
  public static final String JWKS_MIN_REFRESH_INTERVAL_MS_PARAM = "jwks-min-refresh-interval-ms";
  /** Init-param of {@link ClerkSetting#JWKS_MAX_STALENESS_MS}. */
  public static final String JWKS_MAX_STALENESS_MS_PARAM = "jwks-max-staleness-ms";
  /** Init-param of {@link ClerkSetting#HTTP_CONNECT_TIMEOUT_MS}. */
  public static final String HTTP_CONNECT_TIMEOUT_MS_PARAM = "http-connect-timeout-ms";
  /** Init-param of {@link ClerkSetting#HTTP_TIMEOUT_MS}. */
  public static final String HTTP_TIMEOUT_MS_PARAM = "http-timeout-ms";

  private static final System.Logger LOG = System.getLogger(ClerkFilter.class.getName());
  /** Request attribute: this filter instance already answered or decided for the request. */
  private static final String DONE_ATTRIBUTE = ClerkFilter.class.getName() + ".done";

  private final @Nullable Clerk givenClerk;
  private final OutageLog outages = new OutageLog();
  private volatile @Nullable Clerk clerk;
  private volatile PathPolicy policy = PathPolicy.parse(null, null);
  private volatile @Nullable ServletContext ownedAttributeContext;
  private final String doneAttribute = DONE_ATTRIBUTE + "@" + Integer.toHexString(System.identityHashCode(this));

  /** Creates the filter for {@code web.xml}: the {@link Clerk} comes from the init-params. */
  public ClerkFilter() {
    this.givenClerk = null;
  }

  /**
   * Creates the filter around an existing {@link Clerk}, for {@link ServletContext#addFilter}.
   *
   * @param clerk the instance
   */
  public ClerkFilter(Clerk clerk) {
    this.givenClerk = Objects.requireNonNull(clerk, "clerk == null");
  }

  /**
   * Registers a filter with {@code clerk} for {@code /*}, all dispatcher types, async supported.
   * Call it from a {@code ServletContainerInitializer} or a {@code ServletContextListener}; set
   * {@value #PROTECT_PARAM} and {@value #PUBLIC_PARAM} on the returned registration.
   *
   * @param context the application
   * @param clerk the instance
   * @return the registration
   * @throws IllegalStateException if the context is already initialised or a filter named {@code
   *     ClerkFilter} exists
   */
  public static FilterRegistration.Dynamic register(ServletContext context, Clerk clerk) {
    Objects.requireNonNull(context, "context == null");
    FilterRegistration.Dynamic reg = context.addFilter("ClerkFilter", new ClerkFilter(clerk));
    if (reg == null) {
      throw new IllegalStateException("a filter named ClerkFilter is already registered");
    }
    reg.setAsyncSupported(true);
    reg.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
    return reg;
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    Map<String, String> params = new LinkedHashMap<>();
    for (String name : Collections.list(config.getInitParameterNames())) {
      String v = config.getInitParameter(name);
      if (v != null) {
        params.put(name, v);
      }
    }
    String name = config.getFilterName();
    try {
      policy = PathPolicy.parse(params.get(PROTECT_PARAM), params.get(PUBLIC_PARAM));
    } catch (IllegalArgumentException e) {
      throw new ServletException("Clerk filter " + name + ": init-param " + e.getMessage(), e);
    }
    Set<String> known = Stream.concat(
            Stream.of(PROTECT_PARAM, PUBLIC_PARAM), Stream.of(ClerkSetting.values()).map(ClerkSetting::initParam))
        .collect(Collectors.toSet());
    for (String p : params.keySet()) {
      if (!known.contains(p)) {
        LOG.log(Level.WARNING, "Clerk filter {0}: unknown init-param \"{1}\" is ignored", name, p);
      }
    }
    Map<String, String> clerkParams = new LinkedHashMap<>(params);
    clerkParams.remove(PROTECT_PARAM);
    clerkParams.remove(PUBLIC_PARAM);
    clerkParams.keySet().retainAll(known);
    ServletContext context = config.getServletContext();
    if (givenClerk != null) {
      if (!clerkParams.isEmpty()) {
        throw new ServletException(
            "Clerk filter " + name + " was given a Clerk instance; its init-params may only be "
                + PROTECT_PARAM + " and " + PUBLIC_PARAM + ", not " + clerkParams.keySet());
      }
      clerk = givenClerk;
      synchronized (ClerkFilter.class) {
        if (context.getAttribute(Clerk.CONTEXT_ATTRIBUTE) == null) {
          context.setAttribute(Clerk.CONTEXT_ATTRIBUTE, givenClerk);
          ownedAttributeContext = context;
        }
      }
      return;
    }
    synchronized (ClerkFilter.class) {
      Object existing = context.getAttribute(Clerk.CONTEXT_ATTRIBUTE);
      if (existing instanceof Clerk c) {
        if (!clerkParams.isEmpty()) {
          LOG.log(Level.INFO,
              "Clerk filter {0}: reusing the Clerk of ServletContext attribute {1}; init-params {2} are"
                  + " ignored", name, Clerk.CONTEXT_ATTRIBUTE, clerkParams.keySet());
        }
        clerk = c;
        return;
      }
      if (existing != null) {
        throw new ServletException(
            "ServletContext attribute " + Clerk.CONTEXT_ATTRIBUTE + " holds a "
                + existing.getClass().getName() + " that is not this application's Clerk");
      }
      Clerk created;
      try {
        created = Clerk.create(
            ClerkOptions.builderFromSources(clerkParams, System.getenv(), System.getProperties()).build());
      } catch (IllegalArgumentException e) {
        // Option messages name the setting and never carry a key's value.
        throw new ServletException("Clerk filter " + name + " is misconfigured: " + e.getMessage(), e);
      }
      context.setAttribute(Clerk.CONTEXT_ATTRIBUTE, created);
      ownedAttributeContext = context;
      clerk = created;
    }
  }

  /**
   * {@return the Clerk this filter uses}
   *
   * @throws IllegalStateException before {@link #init}
   */
  public Clerk clerk() {
    Clerk c = clerk;
    if (c == null) {
      throw new IllegalStateException("ClerkFilter is not initialised");
    }
    return c;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
      chain.doFilter(req, res);
      return;
    }
    Clerk c = clerk();
    boolean clientRequest = request.getDispatcherType() == DispatcherType.REQUEST;
    if (clientRequest && isPreflight(request)) {
      chain.doFilter(request, response);
      return;
    }
    if (!clientRequest || request.getAttribute(doneAttribute) != null) {
      // Forward, include, error, async dispatch, or this filter mapped twice: no second decision.
      continueRequest(request, response, chain, existingState(request));
      return;
    }
    request.setAttribute(doneAttribute, Boolean.TRUE);

    PathPolicy.Access access = PathPolicy.Access.PUBLIC;
    boolean refusePath = false;
    if (policy.hasProtectedPaths()) {
      Set<String> paths = RequestPath.of(request);
      if (paths == null) {
        refusePath = true;
      } else {
        access = policy.access(paths);
      }
    }
    ClerkRequest clerkRequest;
    try {
      clerkRequest = ServletRequests.toClerkRequest(request);
    } catch (RuntimeException e) {
      // Nothing a client sends may become a 500 or a signed-in state.
      LOG.log(Level.DEBUG, "Clerk filter: request could not be read");
      response.sendError(400);
      return;
    }
    if (refusePath) {
      LOG.log(Level.DEBUG, "Clerk filter: refused ambiguous path");
      Responses.badPath(response, clerkRequest);
      return;
    }

    RequestState state = existingState(request);
    if (state == null) {
      state = authenticate(c, clerkRequest);
      request.setAttribute(ClerkAuth.STATE_ATTRIBUTE, state);
      request.setAttribute(ClerkAuth.ATTRIBUTE, state.auth());
      for (ResponseHeader h : state.headers()) {
        response.addHeader(h.name(), h.value());
      }
      if (state.reply().isPresent()) {
        Responses.reply(response, state.reply().get());
        return;
      }
    }

    if (!state.isSignedIn()) {
      if (access.isProtected()) {
        Responses.signedOut(response, clerkRequest, state, c.options().signInUrl());
        return;
      }
      chain.doFilter(request, keepCookies(response, state));
      return;
    }
    ClerkPrincipal principal = ClerkPrincipal.of(state.auth());
    for (Set<String> anyOf : access.requirements()) {
      if (anyOf.stream().noneMatch(principal::isInRole)) {
        LOG.log(Level.DEBUG, "Clerk filter: signed-in request lacks a required role");
        Responses.forbidden(response, clerkRequest);
        return;
      }
    }
    chain.doFilter(wrap(request, principal), keepCookies(response, state));
  }

  private RequestState authenticate(Clerk c, ClerkRequest clerkRequest) {
    RequestState state;
    try {
      state = c.authenticateRequest(clerkRequest);
    } catch (RuntimeException e) {
      outages.recordException(e);
      return RequestState.signedOut(AuthReason.UNEXPECTED_ERROR, "");
    }
    outages.record(state);
    return state;
  }

  private static @Nullable RequestState existingState(HttpServletRequest request) {
    return request.getAttribute(ClerkAuth.STATE_ATTRIBUTE) instanceof RequestState s ? s : null;
  }

  private void continueRequest(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain, @Nullable RequestState state)
      throws IOException, ServletException {
    if (state != null && state.isSignedIn()) {
      chain.doFilter(wrap(request, ClerkPrincipal.of(state.auth())), response);
    } else {
      chain.doFilter(request, response);
    }
  }

  /** Clerk's {@code Set-Cookie} must survive a later {@code setHeader} (a JAX-RS runtime's). */
  private static HttpServletResponse keepCookies(HttpServletResponse response, RequestState state) {
    List<String> cookies = state.headers().stream()
        .filter(h -> h.name().equalsIgnoreCase("Set-Cookie"))
        .map(ResponseHeader::value)
        .toList();
    return cookies.isEmpty() ? response : new CookieKeepingResponse(response, cookies);
  }

  private static HttpServletRequest wrap(HttpServletRequest request, ClerkPrincipal principal) {
    // Already wrapped (a forward keeps the application's wrappers): do not stack another.
    return request.getUserPrincipal() instanceof ClerkPrincipal p && p.equals(principal)
        ? request
        : new ClerkServletRequest(request, principal);
  }

  private static boolean isPreflight(HttpServletRequest request) {
    return CorsPreflight.is(
        request.getMethod(), request.getHeader("Origin"), request.getHeader("Access-Control-Request-Method"));
  }

  /** Unshares the {@link Clerk} this filter shared, and closes it if this filter created it. */
  @Override
  public void destroy() {
    ServletContext context = ownedAttributeContext;
    Clerk c = clerk;
    if (context != null && context.getAttribute(Clerk.CONTEXT_ATTRIBUTE) == c) {
      context.removeAttribute(Clerk.CONTEXT_ATTRIBUTE);
    }
    ownedAttributeContext = null;
    // Shared by this filter but not given to it: this filter created it, so it closes it (once).
    if (context != null && givenClerk == null && c != null) {
      c.close();
    }
  }

  @Override
  public String toString() {
    return "ClerkFilter{" + policy.rules().size() + " rules}";
  }
}
