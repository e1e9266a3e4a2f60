package dev.clerk.jakarta.cdi;

/** Whether the Servlet API is present: only then is {@link WebApplication} loaded. */
final class ServletApi {
  /** The Servlet API can be loaded. */
  static final boolean PRESENT = present();

  private ServletApi() {}

  private static boolean present() {
    try {
      Class.forName("jakarta.servlet.http.HttpServletRequest", false, ServletApi.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false; // Weld SE, a batch job: no HTTP requests
    }
  }
}
