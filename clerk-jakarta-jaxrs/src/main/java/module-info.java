/**
 * Clerk authentication for Jakarta REST: {@link dev.clerk.jakarta.jaxrs.ClerkAuthFeature} and the
 * filters, annotations and injection it registers.
 *
 * <p>The servlet API (sharing the {@code Clerk} with the filter), Jersey and RESTEasy are optional:
 * each is used only when the runtime has it ({@code requires static}).
 *
 * @since 0.1
 */
module dev.clerk.jakarta.jaxrs {
  requires transitive dev.clerk.jakarta.core;
  requires transitive jakarta.ws.rs;
  requires jakarta.annotation;
  requires static jakarta.servlet;
  requires static jakarta.inject;
  // Jersey 3.1 and RESTEasy 6.2 jars have no module descriptor nor Automatic-Module-Name: these
  // names
  // are derived from their file names (see -Xlint:-requires-automatic in this module's pom).
  requires static jersey.common;
  requires static jersey.server;
  requires static resteasy.core;
  requires static resteasy.core.spi;
  // Type-use annotations in the API; not needed at run time.
  requires static transitive org.jspecify;

  exports dev.clerk.jakarta.jaxrs;
}
