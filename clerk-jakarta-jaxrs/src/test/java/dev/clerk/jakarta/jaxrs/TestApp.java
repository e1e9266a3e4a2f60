package dev.clerk.jakarta.jaxrs;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One servlet context at {@code /app} to deploy in the embedded Jetty of this run ({@link
 * TestedEe}: {@code ee10} or {@code ee11}), on an ephemeral loopback port: context attributes,
 * filters and servlets, each in the order given. Not thread-safe (built by one test).
 */
final class TestApp {
  /** A filter mapped to a URL pattern. */
  record FilterMapping(
      Class<? extends Filter> type,
      String pattern,
      EnumSet<DispatcherType> dispatches,
      Map<String, String> initParameters,
      boolean asyncSupported) {}

  /** A servlet mapped to a URL pattern. */
  record ServletMapping(ServletSpec servlet, String pattern) {}

  /** The started application. */
  interface Running {
    /** {@return {@code http://127.0.0.1:<port>/app/}} */
    URI base();

    /** {@return the context's {@code ServletContext}} */
    ServletContext servletContext();

    /** Stops the server. @throws Exception when Jetty fails to stop */
    void stop() throws Exception;
  }

  final Map<String, Object> attributes = new LinkedHashMap<>();
  final List<FilterMapping> filters = new ArrayList<>();
  final List<ServletMapping> servlets = new ArrayList<>();

  /** {@return this} @param name the attribute's name @param value its value */
  TestApp attribute(String name, Object value) {
    attributes.put(name, value);
    return this;
  }

  /**
   * {@return this}
   *
   * @param type the filter class
   * @param pattern its URL pattern
   * @param dispatches the dispatcher types it filters
   * @param initParameters its init-parameters
   */
  TestApp filter(
      Class<? extends Filter> type,
      String pattern,
      EnumSet<DispatcherType> dispatches,
      Map<String, String> initParameters) {
    filters.add(new FilterMapping(type, pattern, dispatches, initParameters, false));
    return this;
  }

  /** {@return this, with the filter last added marked async-supported} */
  TestApp asyncSupported() {
    FilterMapping last = filters.remove(filters.size() - 1);
    filters.add(
        new FilterMapping(
            last.type(), last.pattern(), last.dispatches(), last.initParameters(), true));
    return this;
  }

  /** {@return this} @param servlet the servlet @param pattern its URL pattern */
  TestApp servlet(ServletSpec servlet, String pattern) {
    servlets.add(new ServletMapping(servlet, pattern));
    return this;
  }

  /** {@return the started application} @throws Exception when Jetty fails to start it */
  Running start() throws Exception {
    return TestedEe.current() == TestedEe.EE11 ? JettyEe11.start(this) : JettyEe10.start(this);
  }
}
