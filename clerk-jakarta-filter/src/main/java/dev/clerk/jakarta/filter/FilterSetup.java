package dev.clerk.jakarta.filter;

import static dev.clerk.jakarta.filter.ClerkFilter.PROTECT_PARAM;
import static dev.clerk.jakarta.filter.ClerkFilter.PUBLIC_PARAM;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.ClerkSetting;
import dev.clerk.jakarta.core.SharedClerk;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * {@link ClerkFilter#init}: reads the init-params, parses the rules, and finds, builds or shares
 * the application's {@link Clerk} through {@link SharedClerk} (ServletContext attribute {@link
 * Clerk#CONTEXT_ATTRIBUTE}), as the JAX-RS feature does.
 *
 * @param clerk the Clerk the filter uses
 * @param policy the {@code protect} and {@code public} rules
 * @param lease the filter's hold on the shared Clerk, released by {@link ClerkFilter#destroy()}
 */
record FilterSetup(Clerk clerk, PathPolicy policy, SharedClerk.Lease lease) {
  private static final System.Logger LOG = System.getLogger(ClerkFilter.class.getName());

  /**
   * {@return the filter's setup}
   *
   * @param config the filter's configuration
   * @param givenClerk the Clerk given to the constructor, or null
   * @throws ServletException naming the filter and the init-param or setting that is not valid
   */
  static FilterSetup of(FilterConfig config, @Nullable Clerk givenClerk) throws ServletException {
    Map<String, String> params = new LinkedHashMap<>();
    for (String name : Collections.list(config.getInitParameterNames())) {
      String v = config.getInitParameter(name);
      if (v != null) {
        params.put(name, v);
      }
    }
    String name = config.getFilterName();
    PathPolicy policy;
    try {
      policy = PathPolicy.parse(params.get(PROTECT_PARAM), params.get(PUBLIC_PARAM));
    } catch (IllegalArgumentException e) {
      throw new ServletException("Clerk filter " + name + ": init-param " + e.getMessage(), e);
    }
    Set<String> known =
        Stream.concat(
                Stream.of(PROTECT_PARAM, PUBLIC_PARAM),
                Stream.of(ClerkSetting.values()).map(ClerkSetting::initParam))
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
    SharedClerk.Attributes app = attributes(config.getServletContext());
    try {
      if (givenClerk != null) {
        if (!clerkParams.isEmpty()) {
          throw new ServletException(
              "Clerk filter "
                  + name
                  + " was given a Clerk instance; its init-params may only be "
                  + PROTECT_PARAM
                  + " and "
                  + PUBLIC_PARAM
                  + ", not "
                  + clerkParams.keySet());
        }
        return new FilterSetup(givenClerk, policy, SharedClerk.share(app, givenClerk));
      }
      SharedClerk.Lease lease;
      try {
        lease = SharedClerk.acquire(app, "ClerkFilter " + name, clerkParams);
      } catch (IllegalArgumentException e) {
        // Option messages name the setting and never carry a key's value.
        throw new ServletException(
            "Clerk filter " + name + " is misconfigured: " + e.getMessage(), e);
      }
      if (!lease.built() && !clerkParams.isEmpty() && !clerkParams.equals(lease.builtFrom())) {
        LOG.log(
            Level.INFO,
            "Clerk filter {0}: reusing the Clerk of ServletContext attribute {1}; init-params {2} are"
                + " ignored",
            name,
            Clerk.CONTEXT_ATTRIBUTE,
            clerkParams.keySet());
      }
      return new FilterSetup(lease.clerk(), policy, lease);
    } catch (IllegalStateException e) {
      // The attribute holds something else than a Clerk.
      throw new ServletException(e.getMessage(), e);
    }
  }

  /** {@return the application's attributes, as {@link SharedClerk} reads them} */
  static SharedClerk.Attributes attributes(ServletContext context) {
    return SharedClerk.Attributes.of(
        context::getAttribute, context::setAttribute, context::removeAttribute);
  }
}
