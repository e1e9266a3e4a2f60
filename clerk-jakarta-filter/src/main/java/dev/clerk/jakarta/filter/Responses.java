package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.request.Refusal;
import dev.clerk.jakarta.core.request.Refusals;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.request.ResponseHeader;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Writes the filter's own answers: a decision's {@link RequestState.Reply reply} and the {@link
 * Refusal}s of core's {@link Refusals} (so that a refusal looks the same as the JAX-RS feature's).
 * Stateless; thread-safe.
 *
 * <p>An answer the filter gives in the application's place first reads and drops what the request
 * still has of its body, up to {@link #DISCARD_LIMIT}: a server that answers and closes the
 * connection while the client is still sending resets it, and the client loses the answer (a page
 * uploading a form after its session ended would show a network error instead of the sign-in).
 * Tomcat does this itself (its {@code maxSwallowSize}, 2 MiB by default); Jetty 12 does not. A longer
 * body is left to the container, which closes the connection.
 */
final class Responses {
  private static final System.Logger LOG = System.getLogger(Responses.class.getName());
  /** The most of a request body read and dropped before the filter's own answer: Tomcat's default. */
  static final long DISCARD_LIMIT = 2L * 1024 * 1024;

  private Responses() {}

  /** Sends a decision's reply in the application's place, after {@linkplain #discardBody discarding} the body. */
  static void reply(HttpServletRequest request, HttpServletResponse response, RequestState.Reply reply)
      throws IOException {
    discardBody(request);
    reply(response, reply);
  }

  /** Sends a refusal in the application's place, after {@linkplain #discardBody discarding} the body. */
  static void send(HttpServletRequest request, HttpServletResponse response, Refusal refusal) throws IOException {
    discardBody(request);
    send(response, refusal);
  }

  /** Sends a bare error status in the application's place, after {@linkplain #discardBody discarding} the body. */
  static void sendError(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
    discardBody(request);
    response.sendError(status);
  }

  /**
   * Reads and drops the rest of the request body, up to {@link #DISCARD_LIMIT} bytes; nothing when
   * the request has no body, declares a longer one, or the application took its reader or went
   * asynchronous. A client that stops sending or goes away ends it (the container's read timeout).
   */
  static void discardBody(HttpServletRequest request) {
    long declared = request.getContentLengthLong();
    boolean chunked = declared < 0 && request.getHeader("Transfer-Encoding") != null;
    if ((declared <= 0 && !chunked) || declared > DISCARD_LIMIT) {
      return;
    }
    try {
      InputStream in = request.getInputStream();
      byte[] sink = new byte[8192];
      long left = DISCARD_LIMIT;
      while (left > 0) {
        int n = in.read(sink, 0, (int) Math.min(sink.length, left));
        if (n < 0) {
          return;
        }
        left -= n;
      }
    } catch (IOException | IllegalStateException e) {
      // The client went away, or the application took the reader or set a read listener: the answer
      // still goes; the container decides about the connection.
      LOG.log(System.Logger.Level.DEBUG, "Clerk filter: request body not discarded: {0}", e.getClass().getName());
    }
  }

  /** Sends a decision's reply (its headers were added already). */
  static void reply(HttpServletResponse response, RequestState.Reply reply) throws IOException {
    response.setStatus(reply.status());
    if (reply.contentType() != null) {
      response.setContentType(reply.contentType());
    }
    write(response, reply.body().getBytes(StandardCharsets.UTF_8));
  }

  /** Sends a refusal: its status, its headers (replacing any of the same name), its body. */
  static void send(HttpServletResponse response, Refusal refusal) throws IOException {
    response.setStatus(refusal.status());
    for (ResponseHeader h : refusal.headers()) {
      response.setHeader(h.name(), h.value());
    }
    if (refusal.contentType() != null) {
      response.setContentType(refusal.contentType());
    }
    write(response, refusal.bodyBytes());
  }

  /**
   * Writes the whole body through the response's output stream, an empty one included, and flushes
   * it. Always through the stream: Open Liberty over HTTP/2 never ended a response that set {@code
   * Content-Length: 0} and flushed the buffer without opening it (the stream stayed open, the client
   * waited for ever). Through the writer when the application already took it (a refused forward).
   */
  private static void write(HttpServletResponse response, byte[] body) throws IOException {
    response.setContentLength(body.length);
    OutputStream out;
    try {
      out = response.getOutputStream();
    } catch (IllegalStateException e) {
      // The application took the writer; it encodes in the content type's charset.
      PrintWriter writer = response.getWriter();
      writer.write(new String(body, StandardCharsets.UTF_8));
      writer.flush();
      return;
    }
    out.write(body);
    out.flush();
  }
}
