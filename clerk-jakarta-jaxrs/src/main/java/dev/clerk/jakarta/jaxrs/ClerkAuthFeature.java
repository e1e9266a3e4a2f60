package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.SharedClerk;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Clerk authentication for JAX-RS resources: register this feature and every resource method is
 * authenticated by {@link Clerk#authenticateRequest} before it runs.
 *
 * <p>What it installs:
 *
 * <ul>
 *   <li>a {@code ContainerRequestFilter} at {@code @Priority(Priorities.AUTHENTICATION)} that
 *       builds a {@code ClerkRequest} from the request (method, absolute URI with query, all
 *       headers including the raw {@code Cookie}) and applies the decision: a handshake is answered
 *       with {@code 307} and Clerk's headers (or a {@code 401} interstitial page); signed in
 *       installs a {@code SecurityContext} whose principal is a {@link
 *       dev.clerk.jakarta.core.auth.ClerkPrincipal} ({@code isUserInRole} = organization role or
 *       permission, scheme {@value #AUTHENTICATION_SCHEME}, {@code isSecure()} from the container);
 *       signed out continues anonymously, with a {@code SecurityContext} that has no principal
 *       (whatever the container's had). The request's {@code Auth} is the request property {@link
 *       dev.clerk.jakarta.core.auth.ClerkAuth#ATTRIBUTE}, the whole decision {@link
 *       dev.clerk.jakarta.core.auth.ClerkAuth#STATE_ATTRIBUTE}; on Jersey and RESTEasy
 *       {@code @Context HttpServletRequest} shows the same identity. CORS preflights are not
 *       authenticated;
 *   <li>a {@code ContainerResponseFilter} that adds the decision's headers to the response ({@code
 *       x-clerk-auth-*} debug headers when signed out, {@code Set-Cookie} after a refresh);
 *   <li>authorization for {@code @RolesAllowed}, {@code @PermitAll}, {@code @DenyAll} (organization
 *       roles and permissions are roles) and for {@link RequireSignIn}, {@link RequireRole}, {@link
 *       RequirePermission}, {@link RequireFeature}, {@link RequirePlan}, {@link
 *       RequireReverification}: {@code 401} when signed out, {@code 403} when the check fails. The
 *       same answer for a {@link dev.clerk.jakarta.core.authz.ClerkAccessException} that leaves a
 *       resource method (thrown by a CDI bean guarded by {@code clerk-jakarta-cdi}'s interceptors).
 *       Every annotation on the way to a resource method holds, the strictest wins: on the method
 *       and on the methods it overrides or implements, on its class, the class's superclasses and
 *       interfaces, and on every sub-resource locator (and its class) the runtime invoked to reach
 *       it, however deep; a {@code @PermitAll} lifts only the requirements of its own class. Every
 *       request method is enforced, an explicitly declared {@code @OPTIONS} method and the {@code
 *       HEAD} answered by a {@code @GET} method included; only the runtime's automatic {@code
 *       OPTIONS} answer (its {@code Allow} header) is not;
 *   <li>per-resource token types with {@link AcceptsToken}: the method's decision is the only
 *       identity its authorization and the resource see;
 *   <li>{@code @Context ClerkAuth} injection on Jersey (3.1 and 4.0) and RESTEasy (6.2 and 7.0);
 *       elsewhere use {@link ClerkJaxrs}: a resource that asks for {@code @Context ClerkAuth} where
 *       it cannot be injected fails the deployment with a message naming it, never sees null.
 * </ul>
 *
 * <p>Which {@link Clerk} ({@link SharedClerk}): the one shared through the {@code ServletContext}
 * attribute {@link Clerk#CONTEXT_ATTRIBUTE} when present (the servlet filter's, or the
 * application's; one JWKS cache for all), else the one given to {@link #ClerkAuthFeature(Clerk)},
 * else one built when the application is deployed from the init-params of the application's {@code
 * ClerkFilter} registration (its {@code web.xml} keys, read as the filter would; the filter may
 * start later, as on WildFly), then environment variables, then system properties; a missing or
 * invalid setting fails the deployment with a message naming it. The chosen instance is then shared
 * through that attribute in turn. When the servlet filter already authenticated the request, its
 * decision is reused instead of verifying twice.
 *
 * <p>Lifecycle: the feature never closes a {@link Clerk} it was given or the application shared.
 * One built from init-params and the environment (by the feature or the servlet filter) is closed
 * once, when the last of them stops: the feature stops on Jersey through a {@code
 * ContainerLifecycleListener} (undeploy, stop, reload). RESTEasy offers no such callback: there the
 * feature does not hold the Clerk, so the servlet filter in front closes it; without the filter it
 * is not closed, its threads end after 10 seconds idle (core's {@code ClerkExecutors.KEEP_ALIVE})
 * and its HTTP client once unreachable; to stop them at undeploy give the feature a {@link Clerk}
 * you close yourself (e.g. in a {@code ServletContextListener}), or put the servlet filter in
 * front.
 *
 * <pre>
 * &#64;ApplicationPath("/api")
 * public class App extends Application {
 *   &#64;Override
 *   public Set&lt;Class&lt;?&gt;&gt; getClasses() {
 *     return Set.of(ClerkAuthFeature.class, MeResource.class);
 *   }
 * }
 * </pre>
 *
 * <p>Annotated {@code @Provider}, so servers that scan the application (an {@code Application}
 * returning no classes, as WildFly does) pick it up without registration. Register it once; a
 * second instance in the same application is ignored. Thread-safe.
 *
 * @since 0.1
 */
@Provider
public final class ClerkAuthFeature implements Feature {
  /** {@code SecurityContext.getAuthenticationScheme()} of a request Clerk authenticated. */
  public static final String AUTHENTICATION_SCHEME = "CLERK";

  /** Configuration property set once a ClerkAuthFeature configured the application. */
  static final String CONFIGURED_PROPERTY = "dev.clerk.jakarta.jaxrs.configured";

  private static final System.Logger LOG = System.getLogger(ClerkAuthFeature.class.getName());

  private final @Nullable Clerk clerk;

  /**
   * Where the Clerk is shared when there is no {@code ServletContext}: this feature's own
   * attributes.
   */
  private final Map<String, Object> ownAttributes = new ConcurrentHashMap<>();

  /**
   * Uses the {@code ServletContext}'s shared {@link Clerk}, or one configured from {@code CLERK_*}
   * environment variables and system properties.
   */
  public ClerkAuthFeature() {
    this.clerk = null;
  }

  /**
   * Uses {@code clerk}, unless the servlet filter shares one through the {@code ServletContext}.
   *
   * @param clerk the Clerk instance
   */
  public ClerkAuthFeature(Clerk clerk) {
    this.clerk = Objects.requireNonNull(clerk, "clerk == null");
  }

  /**
   * Installs the filters; see the class description.
   *
   * @param context the runtime's feature context
   * @return false if another ClerkAuthFeature already configured this application
   * @throws IllegalStateException naming the setting when no Clerk is given and the environment
   *     does not configure one
   */
  @Override
  public boolean configure(FeatureContext context) {
    Configuration configuration = context.getConfiguration();
    if (configuration.getProperty(CONFIGURED_PROPERTY) != null) {
      return false;
    }
    if (clerk == null && anotherInstanceHasClerk(configuration)) {
      // An explicitly constructed feature is registered too: let it configure the application.
      return false;
    }
    Clerk base = resolveClerk(context);
    context.property(CONFIGURED_PROPERTY, true);
    ClerkAuthenticator authenticator = new ClerkAuthenticator(base);
    RuntimeHooks hooks = RuntimeHooks.of(context);
    context.register(
        new ClerkRequestFilter.ApplicationWide(base, hooks), Priorities.AUTHENTICATION);
    context.register(new ClerkDynamicFeature(authenticator, hooks, new LocatorChain(hooks)));
    context.register(
        new ClerkAuthorizationFilter.Guard(base.refusals()), Priorities.AUTHORIZATION + 1);
    context.register(new ClerkResponseFilter(base.refusals()), Priorities.HEADER_DECORATOR);
    context.register(new AccessExceptionMapper());
    return true;
  }

  private boolean anotherInstanceHasClerk(Configuration configuration) {
    for (Object instance : configuration.getInstances()) {
      if (instance != this && instance instanceof ClerkAuthFeature other && other.clerk != null) {
        return true;
      }
    }
    return false;
  }

  private Clerk resolveClerk(FeatureContext context) {
    Object servletContext = RuntimeHooks.servletContext(context);
    SharedClerk.Attributes app =
        servletContext != null
            ? ServletSupport.attributes(servletContext)
            : SharedClerk.Attributes.of(
                ownAttributes::get, ownAttributes::put, ownAttributes::remove);
    SharedClerk.Lease lease;
    try {
      if (clerk != null && SharedClerk.find(app) == null) {
        lease = SharedClerk.share(app, clerk);
      } else {
        // The filter's web.xml keys serve the feature too, whichever starts first.
        ServletSupport.ClerkFilterParams filter =
            servletContext == null
                ? ServletSupport.ClerkFilterParams.NONE
                : ServletSupport.clerkFilterParams(servletContext);
        String adapter =
            filter.filterName() == null
                ? "ClerkAuthFeature"
                : "ClerkAuthFeature (with ClerkFilter " + filter.filterName() + ")";
        lease = SharedClerk.acquire(app, adapter, filter.initParams());
      }
    } catch (IllegalArgumentException e) {
      // The message names the setting and never carries a key's value.
      throw new IllegalStateException(
          "ClerkAuthFeature: Clerk is not configured: " + e.getMessage(), e);
    }
    if (RuntimeHooks.detect(context) != RuntimeHooks.Implementation.JERSEY
        || !JerseyLifecycle.register(context, lease::release)) {
      // Never told when the application stops: the other holders (the servlet filter) close it.
      LOG.log(
          System.Logger.Level.DEBUG,
          "no shutdown callback on this JAX-RS runtime: the feature holds no Clerk");
      lease.detach();
    }
    return lease.clerk();
  }

  @Override
  public String toString() {
    return "ClerkAuthFeature{" + (clerk == null ? "from environment" : "given Clerk") + "}";
  }
}
