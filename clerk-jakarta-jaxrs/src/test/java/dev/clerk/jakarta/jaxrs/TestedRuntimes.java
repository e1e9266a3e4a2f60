package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.ServletContext;
import java.nio.file.Path;

/** Checks that a run's runtimes are those of its {@link TestedEe}. */
final class TestedRuntimes {
  private TestedRuntimes() {}

  /** {@return the file name of the jar {@code type} was loaded from} @param type the class */
  static String jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
          .getFileName()
          .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts an empty {@link TestApp} and checks the Servlet version its context reports. */
  static void assertServletVersionOfThisRun() throws Exception {
    TestApp.Running app = new TestApp().start();
    try {
      ServletContext sc = app.servletContext();
      assertEquals(
          TestedEe.current().servletVersion(), sc.getMajorVersion() + "." + sc.getMinorVersion());
    } finally {
      app.stop();
    }
  }
}
