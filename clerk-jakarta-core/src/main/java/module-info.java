/**
 * Clerk authentication for Jakarta EE, the core: the {@link dev.clerk.jakarta.core.Clerk} façade,
 * its options, request authentication, session-token verification, the Backend API client, webhooks
 * and the observability events ({@code dev.clerk.jakarta.core.events}). The servlet filter ({@code
 * dev.clerk.jakarta.filter}) and the JAX-RS feature ({@code dev.clerk.jakarta.jaxrs}) build on it.
 *
 * <p>Exported: the public packages only. Not exported: {@code dev.clerk.jakarta.core.authn} (the
 * decision tree behind {@code Clerk.authenticateRequest}) and the {@code internal} packages
 * (argument checks, the HTTP transport, JSON helpers); no sibling module needs them.
 *
 * @since 0.1
 */
module dev.clerk.jakarta.core {
  // JSON-P values (RawRequest.asJson) and the HttpClient (BackendApi.httpClient) are in the API.
  requires transitive jakarta.json;
  requires transitive java.net.http;
  // JSON-B writes request bodies and binds RawRequest.as; its provider (Yasson by default) is found
  // by jakarta.json.bind at run time.
  requires jakarta.json.bind;
  requires com.github.benmanes.caffeine;
  // An automatic module: jose4j's jar has no descriptor, only a stable Automatic-Module-Name (see
  // -Xlint:-requires-automatic in this module's pom).
  requires org.jose4j;
  // Type-use annotations in the API; not needed at run time.
  requires static transitive org.jspecify;
  // JFR events (core.events) are optional, as on the class path: a runtime image without jdk.jfr
  // still resolves this module, and EventPublisher then turns JFR off (the ClerkEvents listeners
  // work
  // either way). An application on the module path that wants the JFR events resolves jdk.jfr
  // itself
  // (--add-modules jdk.jfr, or a module that requires it); the class path resolves it by default.
  requires static jdk.jfr;

  // Listeners registered in META-INF/services (the application's class loader).
  uses dev.clerk.jakarta.core.events.ClerkEvents;

  exports dev.clerk.jakarta.core;
  exports dev.clerk.jakarta.core.auth;
  exports dev.clerk.jakarta.core.authz;
  exports dev.clerk.jakarta.core.backend;
  exports dev.clerk.jakarta.core.events;
  exports dev.clerk.jakarta.core.request;
  exports dev.clerk.jakarta.core.token;
  exports dev.clerk.jakarta.core.webhooks;
}
