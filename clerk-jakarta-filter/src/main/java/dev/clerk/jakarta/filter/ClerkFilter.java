package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.ClerkOptions;
import dev.clerk.jakarta.core.ClerkSetting;
import dev.clerk.jakarta.core.SharedClerk;
import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.auth.ClerkPrincipal;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.Denial;
import dev.clerk.jakarta.core.request.RequestState;
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
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The servlet filter that authenticates every request with Clerk, as Clerk's own backend SDK does
 * (session cookies, {@code Authorization: Bearer} session and machine tokens, handshake), and
 * protects the paths it is told to.
 *
 * <p>For each request it builds a {@link ClerkRequest}, asks {@link Clerk#authenticateRequest}, and
 * applies the {@link RequestState}: it adds all of the state's headers to the response; when the
 * state carries a {@link RequestState#reply() reply} (a 307 handshake redirect, possibly with
 * several {@code Set-Cookie}, or a 401 interstitial page) it sends it and stops; otherwise the
 * request continues, signed in or anonymous; the state's {@code Set-Cookie} then survive a later
 * {@code setHeader("Set-Cookie", …)} downstream (as a JAX-RS runtime writes its response). Signed
 * in, servlets see a request whose {@code getUserPrincipal()} is a {@link ClerkPrincipal}, {@code
 * getRemoteUser()} the user id (or the machine token's subject), {@code getAuthType()} {@value
 * #AUTH_TYPE} and {@code isUserInRole(r)} true for the active organization role and organization
 * permissions. In every case but a CORS preflight on a public path the request attributes {@link
 * ClerkAuth#ATTRIBUTE} (the {@link Auth}) and {@link ClerkAuth#STATE_ATTRIBUTE} (the {@link
 * RequestState}, which the JAX-RS module reuses instead of verifying again) are set; a preflight on
 * a protected path is signed out.
 *
 * <h2>Protected paths</h2>
 *
 * <p>Nothing is protected unless {@value #PROTECT_PARAM} names it. {@value #PROTECT_PARAM} and
 * {@value #PUBLIC_PARAM} are lists (commas or whitespace) of servlet url-patterns ({@code /exact},
 * {@code /prefix/*}, {@code *.ext}, {@code /}) matched on the path inside the application, with the
 * servlet specification's precedence: the most specific pattern decides, and on a tie {@value
 * #PROTECT_PARAM} wins. So {@code protect=/*} with {@code public=/health,/assets/*} protects all
 * but those. A {@value #PROTECT_PARAM} entry may require roles: {@code /admin/*=org:admin}, or any
 * of several with {@code /billing/*=org:admin|org:billing:manage}; roles are checked with {@link
 * ClerkPrincipal#isInRole} (organization role or permission, with or without {@code org:}).
 *
 * <p>Paths are matched on a normalised form of the raw request URI ({@code ;} parameters removed
 * from every segment, {@code //}, {@code .} and {@code ..} resolved, escapes decoded once) and on
 * the container's servlet path; when they differ the stricter outcome applies. A {@value
 * #PROTECT_PARAM} pattern covers both trailing-slash forms of a path ({@code /api/me} protects
 * {@code /api/me/} and {@code /api/me;x/}, {@code /x/} protects {@code /x}, {@code *.do} protects
 * {@code /a.do/}); a {@value #PUBLIC_PARAM} pattern, an exception, only the form it names. A
 * request with an escaped {@code /}, {@code \}, {@code ;}, {@code %} or dot segment, a control
 * character, or a {@code ..} leaving the application, is answered with 400 when any path is
 * protected. On a protected path:
 *
 * <ul>
 *   <li>signed out: 401 with {@code WWW-Authenticate: Bearer} ({@code error="invalid_token"} when a
 *       token was presented, RFC 6750) and a small JSON body, or an HTML page for a browser; a
 *       browser page is redirected to {@value #SIGN_IN_URL_PARAM} with {@code redirect_url} when
 *       one is configured;
 *   <li>Clerk could not decide (JWKS or Backend API down): 503;
 *   <li>signed in without a required role: 403 with {@code error="insufficient_scope"}.
 * </ul>
 *
 * <p>A Clerk outage is never a 500: the request is signed out with its reason (503 on a protected
 * path), logged once per cause ({@link Clerk#outages()}). A {@link
 * dev.clerk.jakarta.core.authz.ClerkAccessException} out of the chain (a CDI bean's Clerk
 * interceptor; also wrapped) is answered as above: 401 (503, sign-in redirect) or 403.
 *
 * <h2>Dispatches and methods</h2>
 *
 * <p>The rules hold for every HTTP method ({@code HEAD} and {@code OPTIONS} included) and on every
 * dispatch the filter is mapped for, against the dispatch's target: a forward, an async dispatch or
 * an error page by its own path, an include by its {@code jakarta.servlet.include.*} path, and so a
 * welcome file the container forwards to. A dispatch reuses the decision of the client's request
 * ({@link ClerkAuth#STATE_ATTRIBUTE}) and is never verified again. A refused forward or async
 * dispatch is answered as the client's request would be (401, sign-in redirect to the URL the
 * browser asked for, 403, 503) while the response is not committed; a refused include does not run
 * and writes nothing (the including page goes on); a refused error page does not run, and the error
 * status goes out with an empty body. A dispatch without a decision (the filter not mapped for
 * {@code REQUEST}) counts as signed out.
 *
 * <h2>CORS preflights</h2>
 *
 * <p>A CORS preflight ({@code OPTIONS} with {@code Origin} and {@code
 * Access-Control-Request-Method}) is never verified: browsers send it without credentials. On a
 * public path it passes untouched. On a protected path it goes down the chain anonymous, so that a
 * CORS filter mapped after this one or the application can answer it, but confined to what a
 * preflight answer is made of: the status and the {@code Access-Control-*}, {@code Allow}, {@code
 * Vary}, {@code Cache-Control} and {@code Expires} headers. No body, cookie, other header, redirect
 * target, error message or error page leaves. Any other {@code OPTIONS} is protected like every
 * request.
 *
 * <h2>Configuration</h2>
 *
 * <p>In {@code web.xml}, map it to {@code /*} for all dispatcher types (mapped for {@code REQUEST}
 * only, forwards, includes, error pages and async dispatches go unchecked) and mark it {@code
 * async-supported}. Every Clerk setting is read from its init-param, else its environment variable,
 * else its system property ({@link ClerkSetting}, through {@link ClerkOptions#builderFromSources});
 * a missing or malformed setting fails the deployment with a message naming it. The filter shares
 * its {@link Clerk} through the {@code ServletContext} attribute {@link Clerk#CONTEXT_ATTRIBUTE}
 * ({@link SharedClerk}): if one is already there (another filter, the JAX-RS feature, the
 * application), it is reused and the Clerk init-params of this filter are ignored. The JAX-RS
 * feature, should it start first (as on WildFly, where filters start at their first request),
 * builds it from this filter's init-params too. A Clerk built from init-params and the environment
 * is closed once, when the last of the filter and the feature stops ({@link #destroy()}); one the
 * application gave or put in the attribute is never closed here.
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
 *   <tr><td>{@value #ALLOWED_REDIRECT_ORIGINS_PARAM}</td><td>{@code CLERK_ALLOWED_REDIRECT_ORIGINS}</td><td>— (own origin, domain, proxy, sign-in/up URLs)</td></tr>
 *   <tr><td>{@value #FORWARDED_HEADERS_PARAM}</td><td>{@code CLERK_FORWARDED_HEADERS}</td><td><code>trust</code> (<code>ignore</code>: the container's URL)</td></tr>
 *   <tr><td>{@value #ACCEPTS_TOKEN_PARAM}</td><td>{@code CLERK_ACCEPTS_TOKEN}</td><td><code>session_token</code></td></tr>
 *   <tr><td>{@value #ORGANIZATION_PATTERNS_PARAM}</td><td>{@code CLERK_ORGANIZATION_PATTERNS}</td><td>—</td></tr>
 *   <tr><td>{@value #PERSONAL_ACCOUNT_PATTERNS_PARAM}</td><td>{@code CLERK_PERSONAL_ACCOUNT_PATTERNS}</td><td>—</td></tr>
 *   <tr><td>{@value #HANDSHAKE_MODE_PARAM}</td><td>{@code CLERK_HANDSHAKE_MODE}</td><td><code>redirect</code></td></tr>
 *   <tr><td>{@value #JWKS_CACHE_TTL_MS_PARAM}</td><td>{@code CLERK_JWKS_CACHE_TTL_MS}</td><td>300000</td></tr>
 *   <tr><td>{@value #JWKS_MIN_REFRESH_INTERVAL_MS_PARAM}</td><td>{@code CLERK_JWKS_MIN_REFRESH_INTERVAL_MS}</td><td>30000</td></tr>
 *   <tr><td>{@value #JWKS_MAX_STALENESS_MS_PARAM}</td><td>{@code CLERK_JWKS_MAX_STALENESS_MS}</td><td>3600000</td></tr>
 *   <tr><td>{@value #TOKEN_CACHE_SIZE_PARAM}</td><td>{@code CLERK_TOKEN_CACHE_SIZE}</td><td>10000 (0: off)</td></tr>
 *   <tr><td>{@value #HTTP_CONNECT_TIMEOUT_MS_PARAM}</td><td>{@code CLERK_HTTP_CONNECT_TIMEOUT_MS}</td><td>2000</td></tr>
 *   <tr><td>{@value #HTTP_TIMEOUT_MS_PARAM}</td><td>{@code CLERK_HTTP_TIMEOUT_MS}</td><td>3000</td></tr>
 *   <tr><td>{@value #WEBHOOK_SIGNING_SECRET_PARAM}</td><td>{@code CLERK_WEBHOOK_SIGNING_SECRET}</td><td>— (for {@link ClerkWebhookServlet})</td></tr>
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

  /** Init-param of {@link ClerkSetting#ALLOWED_REDIRECT_ORIGINS}. */
  public static final String ALLOWED_REDIRECT_ORIGINS_PARAM = "allowed-redirect-origins";

  /** Init-param of {@link ClerkSetting#FORWARDED_HEADERS}. */
  public static final String FORWARDED_HEADERS_PARAM = "forwarded-headers";

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

  /** Init-param of {@link ClerkSetting#TOKEN_CACHE_SIZE}. */
  public static final String TOKEN_CACHE_SIZE_PARAM = "token-cache-size";

  /** Init-param of {@link ClerkSetting#HTTP_CONNECT_TIMEOUT_MS}. */
  public static final String HTTP_CONNECT_TIMEOUT_MS_PARAM = "http-connect-timeout-ms";

  /** Init-param of {@link ClerkSetting#HTTP_TIMEOUT_MS}. */
  public static final String HTTP_TIMEOUT_MS_PARAM = "http-timeout-ms";

  /** Init-param of {@link ClerkSetting#WEBHOOK_SIGNING_SECRET}. */
  public static final String WEBHOOK_SIGNING_SECRET_PARAM = "webhook-signing-secret";

  private static final System.Logger LOG = System.getLogger(ClerkFilter.class.getName());

  /** Request attribute: this filter instance already answered or decided for the request. */
  private static final String DONE_ATTRIBUTE = ClerkFilter.class.getName() + ".done";

  private final @Nullable Clerk givenClerk;
  private volatile @Nullable Clerk clerk;
  private volatile PathPolicy policy = PathPolicy.parse(null, null);
  private volatile SharedClerk.@Nullable Lease lease;
  private final String doneAttribute =
      DONE_ATTRIBUTE + "@" + Integer.toHexString(System.identityHashCode(this));

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
   * Registers a filter with {@code clerk} for {@code /*}, all dispatcher types, async supported,
   * and shares {@code clerk} through {@link Clerk#CONTEXT_ATTRIBUTE} at once (unless the
   * application shares one already). Call it from a {@code ServletContainerInitializer} or a {@code
   * ServletContextListener}; set {@value #PROTECT_PARAM} and {@value #PUBLIC_PARAM} on the returned
   * registration.
   *
   * @param context the application
   * @param clerk the instance
   * @return the registration
   * @throws IllegalStateException if the context is already initialised, a filter named {@code
   *     ClerkFilter} exists, or the attribute holds something else than a Clerk
   */
  public static FilterRegistration.Dynamic register(ServletContext context, Clerk clerk) {
    Objects.requireNonNull(context, "context == null");
    FilterRegistration.Dynamic reg = context.addFilter("ClerkFilter", new ClerkFilter(clerk));
    if (reg == null) {
      throw new IllegalStateException("a filter named ClerkFilter is already registered");
    }
    // Shared now, not at init(): a JAX-RS feature that starts first (filters start lazily on some
    // servers) then uses it too.
    SharedClerk.share(FilterSetup.attributes(context), clerk);
    reg.setAsyncSupported(true);
    reg.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
    return reg;
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    FilterSetup setup = FilterSetup.of(config, givenClerk);
    policy = setup.policy();
    lease = setup.lease();
    clerk = setup.clerk();
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
    if (!(req instanceof HttpServletRequest request)
        || !(res instanceof HttpServletResponse response)) {
      chain.doFilter(req, res);
      return;
    }
    Clerk c = clerk();
    DispatcherType type = request.getDispatcherType();
    if (type != DispatcherType.REQUEST || request.getAttribute(doneAttribute) != null) {
      // Forward, include, error, async dispatch, or this filter mapped twice: the target is checked
      // with this filter's own decision for the request, never a second verification. Not with
      // ClerkAuth.STATE_ATTRIBUTE: a JAX-RS method with its own token types replaces that one.
      RequestState state =
          request.getAttribute(doneAttribute) instanceof RequestState own
              ? own
              : existingState(request);
      Dispatches.filter(policy, type, request, response, chain, state, c.refusals());
      return;
    }
    request.setAttribute(doneAttribute, Dispatches.NO_DECISION);

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
    boolean preflight = Preflight.is(request);
    if (preflight && !refusePath && !access.isProtected()) {
      chain.doFilter(request, response); // a preflight on a public path: untouched
      return;
    }
    ClerkRequest clerkRequest;
    try {
      clerkRequest = ServletRequests.toClerkRequest(request);
    } catch (RuntimeException e) {
      // Nothing a client sends may become a 500 or a signed-in state.
      LOG.log(Level.DEBUG, "Clerk filter: request could not be read");
      Responses.sendError(request, response, 400);
      return;
    }
    if (refusePath) {
      LOG.log(Level.DEBUG, "Clerk filter: refused ambiguous path");
      Responses.send(request, response, c.refusals().ambiguousPath(clerkRequest));
      return;
    }
    request.setAttribute(Dispatches.ORIGINAL_REQUEST_ATTRIBUTE, clerkRequest);
    if (preflight) {
      // Never verified (browsers send no credentials), anonymous, and confined to a preflight
      // answer.
      request.setAttribute(ClerkAuth.STATE_ATTRIBUTE, Dispatches.NO_DECISION);
      request.setAttribute(ClerkAuth.ATTRIBUTE, Dispatches.NO_DECISION.auth());
      Preflight.confine(request, response, chain);
      return;
    }

    RequestState state = existingState(request);
    if (state == null) {
      state = authenticate(c, clerkRequest);
      request.setAttribute(ClerkAuth.STATE_ATTRIBUTE, state);
      request.setAttribute(ClerkAuth.ATTRIBUTE, state.auth());
      if (Responses.apply(request, response, state)) {
        return; // a handshake redirect or an interstitial page
      }
    }

    request.setAttribute(doneAttribute, state);
    switch (Verdict.of(access, state)) {
      case SIGN_IN ->
          Responses.send(request, response, c.refusals().signedOut(clerkRequest, state));
      case FORBIDDEN -> {
        LOG.log(Level.DEBUG, "Clerk filter: signed-in request lacks a required role");
        Responses.send(
            request, response, c.refusals().forbidden(clerkRequest, Denial.INSUFFICIENT_ROLE));
      }
      case ALLOW ->
          AccessRefusals.proceed(
              chain,
              ClerkServletRequest.of(request, state),
              CookieKeepingResponse.around(response, state.headers()),
              response,
              state,
              c.refusals());
    }
  }

  private RequestState authenticate(Clerk c, ClerkRequest clerkRequest) {
    try {
      return c.authenticateRequest(clerkRequest);
    } catch (RuntimeException e) {
      // Core never throws for a request; should it, the request is signed out (503 where
      // protected).
      c.outages().unexpected(LOG, "authenticating a request", e);
      return RequestState.signedOut(AuthReason.UNEXPECTED_ERROR, "");
    }
  }

  private static @Nullable RequestState existingState(HttpServletRequest request) {
    return request.getAttribute(ClerkAuth.STATE_ATTRIBUTE) instanceof RequestState s ? s : null;
  }

  /**
   * Lets go of the shared {@link Clerk}: one this filter shared for the application is unshared;
   * one built from the init-params and the environment (by this filter or by the JAX-RS feature) is
   * unshared and closed once its last user stops ({@link SharedClerk.Lease#release()}).
   */
  @Override
  public void destroy() {
    SharedClerk.Lease l = lease;
    lease = null;
    if (l != null) {
      l.release();
    }
  }

  @Override
  public String toString() {
    return "ClerkFilter{" + policy.rules().size() + " rules}";
  }
}
