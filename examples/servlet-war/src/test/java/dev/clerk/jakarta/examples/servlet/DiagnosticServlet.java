package dev.clerk.jakarta.examples.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Comparator;

/**
 * Test-only: deployed by {@link ServletWarRedeployIT} as its own web application ({@code /diag},
 * never undeployed) into the standalone Tomcat, it lists the JVM's live threads, one per line
 * ({@code name<TAB>context class loader}), after a {@code System.gc()} when asked with {@code
 * ?gc=true}. Thread-safe (stateless).
 */
public final class DiagnosticServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if ("true".equals(req.getParameter("gc"))) {
      // The JDK 17 HttpClient's selector thread ends only once the client is unreachable: a GC
      // lets it notice; this servlet is the test's way to ask for one (like jcmd GC.run).
      System.gc();
    }
    resp.setContentType("text/plain;charset=UTF-8");
    PrintWriter out = resp.getWriter();
    Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .sorted(Comparator.comparing(Thread::getName))
        .forEach(t -> out.println(t.getName() + "\t" + loader(t.getContextClassLoader())));
  }

  /**
   * A web application's loader by its context name (Tomcat's {@code getContextName()}), else its
   * class.
   */
  private static String loader(ClassLoader loader) {
    if (loader == null) {
      return "null";
    }
    try {
      return "webapp:" + loader.getClass().getMethod("getContextName").invoke(loader);
    } catch (ReflectiveOperationException | RuntimeException notAWebappLoader) {
      return loader.getClass().getName();
    }
  }
}
