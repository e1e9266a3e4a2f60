package dev.clerk.jakarta.cdi;

/**
 * Whether the Servlet API and the servlet filter's {@code ServletClerk} are present: only then is
 * {@link WebApplication} loaded. On the class path the filter's jar is always there (a dependency);
 * on the module path both modules are optional ({@code requires static}) and may not be resolved.
 */
final class ServletApi {
  /** The Servlet API and {@code ServletClerk} can be loaded. */
  static final boolean PRESENT = present();

  private ServletApi() {}

  private static boolean present() {
    try {
      ClassLoader loader = ServletApi.class.getClassLoader();
      Class.forName("jakarta.servlet.http.HttpServletRequest", false, loader);
      Class.forName("dev.clerk.jakarta.filter.ServletClerk", false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false; // Weld SE, a batch job: no HTTP requests
    }
  }
}
