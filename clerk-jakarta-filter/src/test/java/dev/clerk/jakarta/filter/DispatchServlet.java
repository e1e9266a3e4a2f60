package dev.clerk.jakarta.filter;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Test servlet: {@code /api/forward} forwards to {@code /whoami}, {@code /api/include} includes it,
 * {@code /async/dispatch} dispatches to it from another thread, {@code /async/complete} answers
 * from another thread. Under {@code /via/}: {@code forward/T}, {@code include/T} (after writing
 * {@code included:}), {@code async/T} dispatch to the path {@code T}; {@code error/N} sends error
 * {@code N}; {@code forward-ambiguous} forwards to {@code /whoami%3Bx}.
 */
public class DispatchServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp)
      throws IOException, ServletException {
    String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
    if (via(path, req, resp)) {
      return;
    }
    switch (path) {
      case "/api/forward" -> req.getRequestDispatcher("/whoami").forward(req, resp);
      case "/api/include" -> {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().println("included:");
        req.getRequestDispatcher("/whoami").include(req, resp);
      }
      case "/async/dispatch" -> {
        AsyncContext ac = req.startAsync();
        ac.start(() -> ac.dispatch("/whoami"));
      }
      case "/async/complete" -> {
        AsyncContext ac = req.startAsync(req, resp);
        ac.start(
            () -> {
              try {
                resp.setContentType("text/plain;charset=UTF-8");
                PrintWriter w = resp.getWriter();
                w.println("async-thread:");
                WhoAmIServlet.print((HttpServletRequest) ac.getRequest(), w);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              } finally {
                ac.complete();
              }
            });
      }
      default -> resp.sendError(404);
    }
  }

  /** {@return whether {@code path} was a {@code /via/} route, now served} */
  static boolean via(String path, HttpServletRequest req, HttpServletResponse resp)
      throws IOException, ServletException {
    if (path.equals("/via/forward-ambiguous")) {
      // The application's own target, with an escaped ';' the filter cannot read one way only.
      req.getRequestDispatcher("/whoami%3Bx").forward(req, resp);
    } else if (path.startsWith("/via/forward/")) {
      req.getRequestDispatcher(path.substring("/via/forward".length())).forward(req, resp);
    } else if (path.startsWith("/via/include/")) {
      resp.setContentType("text/plain;charset=UTF-8");
      resp.getWriter().print("included:\n");
      req.getRequestDispatcher(path.substring("/via/include".length())).include(req, resp);
    } else if (path.startsWith("/via/async/")) {
      String target = path.substring("/via/async".length());
      AsyncContext ac = req.startAsync();
      ac.start(() -> ac.dispatch(target));
    } else if (path.startsWith("/via/error/")) {
      resp.sendError(Integer.parseInt(path.substring("/via/error/".length())));
    } else {
      return false;
    }
    return true;
  }

  /** An upgrade handler that does nothing. */
  public static final class NoUpgrade implements HttpUpgradeHandler {
    @Override
    public void init(WebConnection connection) {
      // Nothing: the test only asks whether the upgrade is allowed.
    }

    @Override
    public void destroy() {
      // Nothing to release.
    }
  }

  /**
   * {@code OPTIONS /async/options}: answers from another thread through the no-argument {@code
   * startAsync()}; {@code OPTIONS /async/nonblocking}: answers with a non-blocking write; {@code
   * OPTIONS /async/upgrade}: tries an HTTP upgrade and tells, in a CORS header, whether it was
   * refused.
   */
  @Override
  protected void doOptions(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (req.getPathInfo() != null && req.getPathInfo().equals("/upgrade")) {
      String outcome;
      try {
        req.upgrade(NoUpgrade.class);
        outcome = "upgraded";
      } catch (ServletException e) {
        outcome = "refused:" + e.getMessage();
      }
      resp.setHeader("Access-Control-Allow-Headers", outcome);
      resp.setStatus(200);
      return;
    }
    if (req.getPathInfo() != null && req.getPathInfo().equals("/nonblocking")) {
      AsyncContext ac = req.startAsync();
      ServletOutputStream out = resp.getOutputStream();
      resp.setHeader("Access-Control-Allow-Origin", "https://app.example.com");
      out.setWriteListener(
          new WriteListener() {
            @Override
            public void onWritePossible() throws IOException {
              if (out.isReady()) {
                out.write("secret-nonblocking-body".getBytes(StandardCharsets.UTF_8));
                ac.complete();
              }
            }

            @Override
            public void onError(Throwable t) {
              ac.complete();
            }
          });
      return;
    }
    AsyncContext ac = req.startAsync();
    ac.start(
        () -> {
          try {
            HttpServletResponse r = (HttpServletResponse) ac.getResponse();
            r.setHeader("X-Secret", "async");
            r.setHeader("Access-Control-Allow-Origin", "https://app.example.com");
            r.getWriter().print("secret-async-body");
          } catch (IOException e) {
            throw new IllegalStateException(e);
          } finally {
            ac.complete();
          }
        });
  }
}
