package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.ClerkSetting;
import dev.clerk.jakarta.core.SharedClerk;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.Refusal;
import dev.clerk.jakarta.core.request.RequestState;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The servlet side of {@link ClerkFilter}, for other servlet-based adapters of the same application
 * (the Jakarta Security module's {@code ClerkAuthenticationMechanism}, the CDI module's {@code
 * ClerkAuth} producer): the one translation of a servlet request into core's {@link ClerkRequest},
 * the one way to write a decision's reply and a {@link Refusal}, and the application's {@link
 * Clerk} found or built from the same sources as the filter's. Using these, such an adapter answers
 * byte for byte as the filter does.
 *
 * <p>Stateless; thread-safe.
 *
 * @since 0.1
 */
public final class ServletClerk {
  private static final System.Logger LOG = System.getLogger(ServletClerk.class.getName());

  private ServletClerk() {}

  /**
   * {@return the container request as core sees it: method, the absolute URL as received (raw path
   * and query), and every header value} Core derives the public URL from {@code Host} and {@code
   * X-Forwarded-*}.
   *
   * @param request the request
   * @throws RuntimeException only if the container's request itself fails; odd client input never
   *     makes it throw (answer such a failure with 400, as the filter does)
   */
  public static ClerkRequest toClerkRequest(HttpServletRequest request) {
    return ServletRequests.toClerkRequest(Objects.requireNonNull(request, "request == null"));
  }

  /**
   * Sends a decision's {@link RequestState#reply() reply} (a handshake redirect or interstitial) as
   * the filter does; add the state's headers first.
   *
   * @param response the response
   * @param reply the reply
   * @throws IOException if writing fails
   */
  public static void reply(HttpServletResponse response, RequestState.Reply reply)
      throws IOException {
    Responses.reply(
        Objects.requireNonNull(response, "response == null"),
        Objects.requireNonNull(reply, "reply == null"));
  }

  /**
   * Sends a refusal as the filter does: its status, its headers (replacing any of the same name)
   * and its body, flushed.
   *
   * @param response the response
   * @param refusal the refusal, from {@link Clerk#refusals()}
   * @throws IOException if writing fails
   */
  public static void send(HttpServletResponse response, Refusal refusal) throws IOException {
    Responses.send(
        Objects.requireNonNull(response, "response == null"),
        Objects.requireNonNull(refusal, "refusal == null"));
  }

  /**
   * {@return the application's attributes, as {@link SharedClerk} reads them}
   *
   * @param context the application
   */
  public static SharedClerk.Attributes attributes(ServletContext context) {
    return FilterSetup.attributes(Objects.requireNonNull(context, "context == null"));
  }

  /**
   * {@return a lease on the application's {@link Clerk}, as {@link SharedClerk#acquire} gives it:
   * the one the application shares, else one built from the Clerk init-params of the application's
   * {@code ClerkFilter} registration (the first by name whose class is {@link ClerkFilter} and that
   * names a Clerk setting), then environment variables, then system properties, then MicroProfile
   * Config} The filter, when it starts later, finds the same instance. Release the lease when the
   * adapter stops.
   *
   * @param context the application
   * @param adapter who asks, for the log line that tells a Clerk was built
   * @throws IllegalArgumentException naming the setting when one is invalid or a required key is
   *     missing (never with a key's value)
   * @throws IllegalStateException when the attribute holds something else than a Clerk
   */
  public static SharedClerk.Lease acquire(ServletContext context, String adapter) {
    Objects.requireNonNull(context, "context == null");
    Objects.requireNonNull(adapter, "adapter == null");
    return SharedClerk.acquire(attributes(context), adapter, clerkFilterParams(context));
  }

  /**
   * The init-params of the first {@code ClerkFilter} registration (by name) that names a Clerk
   * setting.
   */
  private static Map<String, String> clerkFilterParams(ServletContext context) {
    Map<String, ? extends FilterRegistration> registrations;
    try {
      registrations = new TreeMap<>(context.getFilterRegistrations());
    } catch (RuntimeException e) {
      // A context handed to an undeclared listener refuses (UnsupportedOperationException).
      LOG.log(Level.DEBUG, "ServletContext filter registrations not readable: {0}", e.toString());
      return Map.of();
    }
    Set<String> settings =
        Stream.of(ClerkSetting.values()).map(ClerkSetting::initParam).collect(Collectors.toSet());
    for (FilterRegistration r : registrations.values()) {
      if (r != null && isClerkFilter(r.getClassName())) {
        Map<String, String> params = r.getInitParameters();
        if (params != null && params.keySet().stream().anyMatch(settings::contains)) {
          return Map.copyOf(params);
        }
      }
    }
    return Map.of();
  }

  /** {@code ClerkFilter} is final: its registration names exactly its class. */
  private static boolean isClerkFilter(@Nullable String className) {
    return ClerkFilter.class.getName().equals(className);
  }
}
