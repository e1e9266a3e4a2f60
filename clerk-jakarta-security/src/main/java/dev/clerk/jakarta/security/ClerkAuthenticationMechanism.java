package dev.clerk.jakarta.security;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.SharedClerk;
import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.auth.ClerkPrincipal;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.CorsPreflight;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.request.ResponseHeader;
import dev.clerk.jakarta.filter.ServletClerk;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Clerk as the Jakarta Security 3.0 {@link HttpAuthenticationMechanism} of a web application, so
 * that the container's own security sees Clerk's users: {@code web.xml} {@code
 * <security-constraint>} with {@code <auth-constraint><role-name>org:admin</role-name>}, {@code
 * request.isUserInRole}, {@code getUserPrincipal()}, and EJB {@code @RolesAllowed("org:admin")}.
 * Put this module's jar in the WAR: the container discovers the bean; the application declares no
 * mechanism of its own.
 *
 * <p>For each request the container asks {@link #validateRequest}, before any filter. The request
 * is authenticated exactly as {@code ClerkFilter} does it (the same {@link ClerkRequest} through
 * {@link ServletClerk#toClerkRequest}, the same {@link Clerk#authenticateRequest}), and then:
 *
 * <table class="striped">
 *   <caption>Decisions</caption>
 *   <thead><tr><th>decision</th><th>answer</th></tr></thead>
 *   <tbody>
 *   <tr><td>signed in</td><td>{@link HttpMessageContext#notifyContainerAboutLogin(java.security.Principal,
 *       java.util.Set) notifyContainerAboutLogin}: the caller is the {@link ClerkPrincipal} (its name the
 *       user id, or a machine token's subject) with the groups of {@link ClerkGroups#of}: the active
 *       organization role ({@code org:admin}) and its permissions ({@code org:invoices:read}); the
 *       container then checks the constraints itself (a missing role is its {@code 403})</td></tr>
 *   <tr><td>a handshake (a browser page whose session must be refreshed)</td><td>the filter's reply:
 *       {@code 307} to Clerk with {@code Cache-Control: no-store} and Clerk's headers, whatever the
 *       resource; {@link AuthenticationStatus#SEND_CONTINUE}</td></tr>
 *   <tr><td>signed out, resource not protected (and no {@code request.authenticate()})</td><td>{@link
 *       HttpMessageContext#doNothing()}: anonymous</td></tr>
 *   <tr><td>signed out, resource protected</td><td>the filter's refusal ({@link Clerk#refusals()}):
 *       {@code 401} with {@code WWW-Authenticate: Bearer} and {@code {"error":"unauthorized","reason":"…"}},
 *       an HTML page or a redirect to {@code sign-in-url} for a browser page, {@code 503} when Clerk
 *       could not be reached; {@link AuthenticationStatus#SEND_FAILURE}</td></tr>
 *   <tr><td>a CORS preflight</td><td>{@link HttpMessageContext#doNothing()}, never verified (browsers
 *       send no credentials); on a protected resource the container refuses it unless the constraint
 *       omits {@code OPTIONS} ({@code <http-method-omission>})</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>Machine tokens count as the filter counts them: only the token types of setting {@code
 * accepts-token} (default {@code session_token}, so a machine token is signed out: {@code 401} with
 * {@code error="invalid_token"} on a protected resource); an accepted machine token signs in a
 * principal named after its subject with no groups (Clerk's {@code has()} is false for machines),
 * which satisfies a constraint on role {@code **} only.
 *
 * <p>The decision is stored as the request attributes {@link ClerkAuth#STATE_ATTRIBUTE} and {@link
 * ClerkAuth#ATTRIBUTE}, as the filter stores its own: a {@code ClerkFilter}, the JAX-RS feature or
 * a CDI producer of the same request reuse it and never verify the token again, and a second call
 * for the same request (e.g. {@code request.authenticate()}) reuses it too. Every header of the
 * decision ({@code x-clerk-auth-*}, a handshake's {@code Set-Cookie}) is added to the response.
 * Nothing a client sends makes {@link #validateRequest} throw: a forged, expired or garbled token
 * or cookie is signed out with its reason. The mechanism keeps no HTTP session: every request
 * carries its own credentials.
 *
 * <p>The {@link Clerk} is the application's one instance ({@link SharedClerk}, {@link
 * ServletClerk#acquire}): the one the application or another adapter shares as {@code
 * ServletContext} attribute {@link Clerk#CONTEXT_ATTRIBUTE}, else one built from the Clerk
 * init-params of a {@code ClerkFilter} declared in {@code web.xml}, else from {@code CLERK_*}
 * environment variables, then {@code clerk.*} system properties, then MicroProfile Config when
 * present. It is resolved when the application starts (a missing or malformed setting fails the
 * deployment with a message naming it) and released when it stops.
 *
 * <p>Not {@code final}: the container proxies an {@code @ApplicationScoped} bean. Thread-safe.
 *
 * @since 0.1
 */
@ApplicationScoped
public class ClerkAuthenticationMechanism implements HttpAuthenticationMechanism {
  private static final System.Logger LOG =
      System.getLogger(ClerkAuthenticationMechanism.class.getName());

  private final Object lock = new Object();
  private volatile @Nullable Clerk clerk;
  private SharedClerk.@Nullable Lease lease;
  private boolean unconfiguredLogged;

  /** Creates the mechanism for the container; its {@link Clerk} is the application's. */
  public ClerkAuthenticationMechanism() {}

  /**
   * Creates a mechanism around an existing {@link Clerk}, which it never closes (for a producer of
   * the application's own, or tests).
   *
   * @param clerk the instance
   */
  public ClerkAuthenticationMechanism(Clerk clerk) {
    this.clerk = Objects.requireNonNull(clerk, "clerk == null");
  }

  /**
   * Resolves the application's {@link Clerk} when the application starts, so that a missing or
   * malformed setting fails the deployment (called by the container).
   *
   * @param context the application, the payload of its
   *     {@code @Initialized(ApplicationScoped.class)} event
   * @throws IllegalArgumentException naming the setting that is missing or invalid
   * @throws IllegalStateException when {@link Clerk#CONTEXT_ATTRIBUTE} holds something else
   */
  void start(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
    clerk(context);
  }

  /**
   * Releases the application's {@link Clerk}: closed here only if the last of its adapters built
   * it.
   */
  @PreDestroy
  void stop() {
    SharedClerk.Lease l;
    synchronized (lock) {
      l = lease;
      lease = null;
    }
    if (l != null) {
      l.release();
    }
  }

  private Clerk clerk(ServletContext context) {
    Clerk c = clerk;
    if (c != null) {
      return c;
    }
    synchronized (lock) {
      if (clerk == null) {
        SharedClerk.Lease l = ServletClerk.acquire(context, "ClerkAuthenticationMechanism");
        lease = l;
        clerk = l.clerk();
      }
      return Objects.requireNonNull(clerk);
    }
  }

  /**
   * Authenticates the request with Clerk and tells the container the outcome (see the class
   * javadoc).
   *
   * @throws AuthenticationException only when writing the response fails (the client went away);
   *     never for what a client sends
   */
  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    try {
      return decide(request, response, context);
    } catch (IOException e) {
      throw new AuthenticationException("Clerk: the response could not be written", e);
    }
  }

  private AuthenticationStatus decide(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws IOException {
    RequestState state =
        request.getAttribute(ClerkAuth.STATE_ATTRIBUTE) instanceof RequestState s ? s : null;
    if (state == null
        && CorsPreflight.is(
            request.getMethod(),
            request.getHeader("Origin"),
            request.getHeader("Access-Control-Request-Method"))) {
      return context.doNothing(); // no credentials to verify; a ClerkFilter behind confines it
    }
    Clerk c;
    try {
      c = clerk(request.getServletContext());
    } catch (RuntimeException e) {
      // Only when the application's start-up event did not reach the mechanism: an operator's
      // error.
      logUnconfigured(e);
      response.setStatus(503);
      response.setHeader("Cache-Control", "no-store");
      return AuthenticationStatus.SEND_FAILURE;
    }
    ClerkRequest clerkRequest;
    try {
      clerkRequest = ServletClerk.toClerkRequest(request);
    } catch (RuntimeException e) {
      // Nothing a client sends may become a 500 or a signed-in state.
      LOG.log(Level.DEBUG, "Clerk mechanism: request could not be read");
      response.setStatus(400);
      return AuthenticationStatus.SEND_FAILURE;
    }
    if (state == null) {
      state = authenticate(c, clerkRequest);
      request.setAttribute(ClerkAuth.STATE_ATTRIBUTE, state);
      request.setAttribute(ClerkAuth.ATTRIBUTE, state.auth());
      for (ResponseHeader h : state.headers()) {
        response.addHeader(h.name(), h.value());
      }
      if (state.reply().isPresent()) {
        ServletClerk.reply(response, state.reply().get());
        complete(response);
        return AuthenticationStatus.SEND_CONTINUE;
      }
    }
    Auth auth = state.auth();
    if (state.isSignedIn() && auth.isAuthenticated()) {
      return context.notifyContainerAboutLogin(ClerkPrincipal.of(auth), ClerkGroups.of(auth));
    }
    if (!context.isProtected() && !context.isAuthenticationRequest()) {
      return context.doNothing();
    }
    LOG.log(
        Level.DEBUG,
        "Clerk mechanism: signed-out request to a protected resource ({0})",
        state.reason() == null ? "no reason" : state.reason().value());
    ServletClerk.send(response, c.refusals().signedOut(clerkRequest, state));
    complete(response);
    return AuthenticationStatus.SEND_FAILURE;
  }

  /**
   * Ends the answer the mechanism wrote, so that the container adds nothing: after a failed
   * authentication Undertow (WildFly) calls {@code sendError} with the status unless the response
   * is complete, which on a committed response fails and is logged as an error for every refusal.
   */
  private static void complete(HttpServletResponse response) throws IOException {
    try {
      response.getOutputStream().close();
    } catch (IllegalStateException e) {
      response.getWriter().close(); // the writer was taken (never by this mechanism)
    }
  }

  private static RequestState authenticate(Clerk c, ClerkRequest clerkRequest) {
    try {
      return c.authenticateRequest(clerkRequest);
    } catch (RuntimeException e) {
      // Core never throws for a request; should it, the request is signed out (503 where
      // protected).
      c.outages().unexpected(LOG, "authenticating a request", e);
      return RequestState.signedOut(AuthReason.UNEXPECTED_ERROR, "");
    }
  }

  private void logUnconfigured(RuntimeException e) {
    synchronized (lock) {
      if (unconfiguredLogged) {
        return;
      }
      unconfiguredLogged = true;
    }
    // The message names the setting, never a key's value.
    LOG.log(
        Level.ERROR,
        "Clerk mechanism: Clerk is not configured, requests are answered with 503: {0}",
        e.getMessage());
  }

  @Override
  public String toString() {
    return "ClerkAuthenticationMechanism{" + (clerk == null ? "not started" : "started") + "}";
  }
}
