/**
 * Clerk for container-managed security: {@link
 * dev.clerk.jakarta.security.ClerkAuthenticationMechanism}, a Jakarta Security 3.0 {@code
 * HttpAuthenticationMechanism}, and {@link dev.clerk.jakarta.security.ClerkGroups}. The Jakarta
 * Security, servlet, CDI and annotation APIs are the server's.
 *
 * <p>The package is open: the CDI container (Weld, OpenWebBeans, …, so no qualified {@code opens})
 * calls the mechanism's package-private observer method and defines its proxy of the
 * {@code @ApplicationScoped} mechanism in the package.
 *
 * @since 0.1
 */
module dev.clerk.jakarta.security {
  // A mechanism can be made from a Clerk; ClerkGroups reads an Auth.
  requires transitive dev.clerk.jakarta.core;
  // The mechanism implements HttpAuthenticationMechanism: its requests, responses and statuses.
  requires transitive jakarta.security;
  requires transitive jakarta.servlet;
  // ServletClerk: the one servlet-to-ClerkRequest translation and the filter's shared Clerk.
  requires dev.clerk.jakarta.filter;
  // The mechanism is an @ApplicationScoped bean (a documented annotation, so part of its API); it
  // observes @Initialized and lets go at @PreDestroy.
  requires transitive jakarta.cdi;
  requires jakarta.annotation;
  // Type-use annotations in the API; not needed at run time.
  requires static transitive org.jspecify;

  exports dev.clerk.jakarta.security;

  opens dev.clerk.jakarta.security;
}
