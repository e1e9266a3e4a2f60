/**
 * Clerk for CDI 4.0 beans: {@link dev.clerk.jakarta.cdi.ClerkProducers} ({@code @Inject ClerkAuth},
 * {@code Clerk}, {@code BackendApi}) and the interceptor bindings checked by {@link
 * dev.clerk.jakarta.cdi.ClerkInterceptor}. The CDI, interceptor and annotation APIs are the
 * container's.
 *
 * <p>The servlet API and the servlet filter's module are optional ({@code requires static}): they
 * are used only when the servlet API is there (a web application); under Weld SE or in a batch job
 * every {@code ClerkAuth} is signed out. MicroProfile Config is read by core, not here.
 *
 * <p>The package is open: the CDI container (Weld, OpenWebBeans, …, so no qualified {@code opens})
 * calls the beans' package-private observer method, injects their non-public fields and defines its
 * proxies and interceptor subclasses in the package.
 *
 * @since 0.1
 */
module dev.clerk.jakarta.cdi {
  // Clerk, BackendApi and ClerkAuth are produced here; Instance<Clerk> and InvocationContext are in
  // the API of the producers and the interceptor.
  requires transitive dev.clerk.jakarta.core;
  requires transitive jakarta.cdi;
  requires transitive jakarta.interceptor;
  // @Priority and @PreDestroy only.
  requires jakarta.annotation;
  // A web application: the ServletContext's shared Clerk and the request's authentication
  // (WebApplication, loaded only when ServletApi says both are present).
  requires static jakarta.servlet;
  requires static dev.clerk.jakarta.filter;
  // Type-use annotations in the API; not needed at run time.
  requires static transitive org.jspecify;

  exports dev.clerk.jakarta.cdi;

  opens dev.clerk.jakarta.cdi;
}
