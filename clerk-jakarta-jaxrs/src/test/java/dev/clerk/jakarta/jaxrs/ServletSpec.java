package dev.clerk.jakarta.jaxrs;

import jakarta.servlet.Servlet;
import jakarta.ws.rs.core.Application;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A servlet to deploy, independent of the container: its class or an instance, its init-parameters,
 * and whether it starts with the context (as a JAX-RS servlet does, so that a failing deployment
 * fails the start).
 *
 * @param type the servlet class, or null when {@code instance} is given
 * @param instance the servlet, or null when {@code type} is given
 * @param initParameters the init-parameters
 * @param loadOnStartup whether it is initialised when the context starts
 */
record ServletSpec(
    @Nullable Class<? extends Servlet> type,
    @Nullable Servlet instance,
    Map<String, String> initParameters,
    boolean loadOnStartup) {
  ServletSpec {
    initParameters = Map.copyOf(initParameters);
  }

  /** {@return the servlet {@code instance}, started lazily} @param instance the servlet */
  static ServletSpec of(Servlet instance) {
    return new ServletSpec(null, instance, Map.of(), false);
  }

  /**
   * {@return a JAX-RS implementation's servlet deploying {@code application}, started with the
   * context}
   *
   * @param servlet the implementation's servlet class
   * @param application the application class
   */
  static ServletSpec jaxrs(
      Class<? extends Servlet> servlet, Class<? extends Application> application) {
    return new ServletSpec(
        servlet, null, Map.of("jakarta.ws.rs.Application", application.getName()), true);
  }

  /**
   * {@return this servlet with one more init-parameter} @param name its name @param value its value
   */
  ServletSpec withInitParameter(String name, String value) {
    Map<String, String> params = new LinkedHashMap<>(initParameters);
    params.put(name, value);
    return new ServletSpec(type, instance, params, loadOnStartup);
  }
}
