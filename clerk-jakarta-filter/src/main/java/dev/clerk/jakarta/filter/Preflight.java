package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.request.CorsPreflight;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpUpgradeHandler;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A CORS preflight on a protected path. Browsers send preflights without credentials, and the
 * answer may come from a CORS filter behind this one or from the application, so the preflight
 * still goes down the chain, anonymous, but whatever answers it can only answer a preflight: a
 * status and the headers a preflight answer is made of ({@code Access-Control-*}, {@code Allow},
 * {@code Vary}, {@code Cache-Control}, {@code Expires}). No body, no cookie, no other header, no
 * redirect target, no error message or error page leaves, so no protected content can (a handler's
 * side effects are its own: {@code OPTIONS} is a safe method). Asynchronous answers through {@code
 * startAsync()} go through the same confinement; an HTTP upgrade is refused.
 *
 * <p>The wrappers are used by one request at a time, as any servlet request and response.
 */
final class Preflight {
  private Preflight() {}

  /**
   * {@return whether the request is a CORS preflight: {@code OPTIONS} with {@code Origin} and
   * {@code Access-Control-Request-Method} ({@link CorsPreflight#is})}
   *
   * @param request the request
   */
  static boolean is(HttpServletRequest request) {
    return CorsPreflight.is(
        request.getMethod(),
        request.getHeader("Origin"),
        request.getHeader("Access-Control-Request-Method"));
  }

  /**
   * Sends the preflight down the chain, confined.
   *
   * @param request the preflight
   * @param response its response
   * @param chain the rest of the chain
   * @throws IOException from the chain
   * @throws ServletException from the chain
   */
  static void confine(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    ConfinedResponse confined = new ConfinedResponse(response);
    chain.doFilter(new ConfinedRequest(request, confined), confined);
  }

  /** {@return whether a preflight answer may carry the header} */
  static boolean isPreflightHeader(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.startsWith("access-control-")
        || n.equals("allow")
        || n.equals("vary")
        || n.equals("cache-control")
        || n.equals("expires");
  }

  /** The request of a confined preflight: asynchronous processing keeps the confined response. */
  static final class ConfinedRequest extends HttpServletRequestWrapper {
    private final ConfinedResponse response;

    ConfinedRequest(HttpServletRequest request, ConfinedResponse response) {
      super(request);
      this.response = response;
    }

    @Override
    public AsyncContext startAsync() {
      // The no-argument form would hand out the unconfined response.
      return startAsync(this, response);
    }

    @Override
    public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) throws ServletException {
      throw new ServletException(
          "Clerk filter: no HTTP upgrade from a CORS preflight on a protected path");
    }
  }

  /** The response of a confined preflight (see {@link Preflight}). */
  static final class ConfinedResponse extends HttpServletResponseWrapper {
    private final DiscardingStream stream;
    private final PrintWriter writer = new PrintWriter(Writer.nullWriter());

    ConfinedResponse(HttpServletResponse response) {
      super(response);
      this.stream =
          new DiscardingStream(
              () -> {
                try {
                  return response.getOutputStream();
                } catch (IOException e) {
                  throw new IllegalStateException(e.getMessage(), e);
                }
              });
    }

    @Override
    public ServletOutputStream getOutputStream() {
      return stream;
    }

    @Override
    public PrintWriter getWriter() {
      return writer;
    }

    @Override
    public void addCookie(Cookie cookie) {
      // No cookie on a preflight answer.
    }

    @Override
    public void setHeader(String name, String value) {
      if (name != null && isPreflightHeader(name)) {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if (name != null && isPreflightHeader(name)) {
        super.addHeader(name, value);
      }
    }

    @Override
    public void setIntHeader(String name, int value) {
      if (name != null && isPreflightHeader(name)) {
        super.setIntHeader(name, value);
      }
    }

    @Override
    public void addIntHeader(String name, int value) {
      if (name != null && isPreflightHeader(name)) {
        super.addIntHeader(name, value);
      }
    }

    @Override
    public void setDateHeader(String name, long date) {
      if (name != null && isPreflightHeader(name)) {
        super.setDateHeader(name, date);
      }
    }

    @Override
    public void addDateHeader(String name, long date) {
      if (name != null && isPreflightHeader(name)) {
        super.addDateHeader(name, date);
      }
    }

    @Override
    public void setTrailerFields(Supplier<Map<String, String>> supplier) {
      // No trailers on a preflight answer.
    }

    @Override
    public void sendError(int sc, String msg) {
      // The status only: neither the message nor an error page.
      super.setStatus(sc);
    }

    @Override
    public void sendError(int sc) {
      super.setStatus(sc);
    }

    @Override
    public void sendRedirect(String location) {
      // A redirect status without its target.
      super.setStatus(HttpServletResponse.SC_FOUND);
    }

    /**
     * Servlet 6.1's form, confined the same way on containers that have it.
     *
     * @param location ignored
     * @param sc the status
     * @param clearBuffer ignored: nothing is buffered
     */
    public void sendRedirect(String location, int sc, boolean clearBuffer) {
      super.setStatus(sc);
    }

    /**
     * Servlet 6.1's form.
     *
     * @param location ignored
     * @param sc the status
     */
    public void sendRedirect(String location, int sc) {
      super.setStatus(sc);
    }

    /**
     * Servlet 6.1's form.
     *
     * @param location ignored
     * @param clearBuffer ignored
     */
    public void sendRedirect(String location, boolean clearBuffer) {
      super.setStatus(HttpServletResponse.SC_FOUND);
    }

    /**
     * Servlet 6.1's form: no body, so no encoding.
     *
     * @param encoding ignored
     */
    public void setCharacterEncoding(Charset encoding) {
      // No body.
    }

    @Override
    public void setCharacterEncoding(String charset) {
      // No body.
    }

    @Override
    public void setContentType(String type) {
      // No body.
    }

    @Override
    public void setContentLength(int len) {
      // No body.
    }

    @Override
    public void setContentLengthLong(long len) {
      // No body.
    }

    @Override
    public void setLocale(Locale loc) {
      // No body, no Content-Language.
    }
  }

  /** Accepts and drops everything written; non-blocking writes stay possible. */
  private static final class DiscardingStream extends ServletOutputStream {
    private final Supplier<ServletOutputStream> real;

    DiscardingStream(Supplier<ServletOutputStream> real) {
      this.real = real;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      // The container calls the listener back as usual; what it writes here is dropped.
      real.get().setWriteListener(listener);
    }

    @Override
    public void write(int b) {
      // Dropped.
    }

    @Override
    public void write(byte[] b, int off, int len) {
      // Dropped.
    }
  }
}
