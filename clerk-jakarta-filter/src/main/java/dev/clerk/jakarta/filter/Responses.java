package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.request.Refusal;
import dev.clerk.jakarta.core.request.Refusals;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.request.ResponseHeader;
import dev.clerk.jakarta.core.request.UnreadBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Writes the filter's own answers: a decision's {@link RequestState.Reply reply} and the {@link
 * Refusal}s of core's {@link Refusals} (so that a refusal looks the same as the JAX-RS feature's).
 * Stateless; thread-safe.
 *
 * <p>An answer the filter gives in the application's place first drops what the request still has
 * of its body ({@link UnreadBody}), so that the client, still sending, receives it.
 */
final class Responses {
  private static final System.Logger LOG = System.getLogger(Responses.class.getName());

  private Responses() {}

  /**
   * Sends a decision's reply in the application's place, after {@linkplain #discardBody discarding}
   * the body.
   */
  static void reply(
      HttpServletRequest request, HttpServletResponse response, RequestState.Reply reply)
      throws IOException {
    discardBody(request);
    reply(response, reply);
  }

  /**
   * Applies a decision just made for the client's request: adds all of its headers to the response
   * and, when it carries a reply, sends that in the application's place ({@link #reply(
   * HttpServletRequest, HttpServletResponse, RequestState.Reply)}).
   *
   * @return whether the reply answered the request (then the chain must not run)
   */
  static boolean apply(HttpServletRequest request, HttpServletResponse response, RequestState state)
      throws IOException {
    for (ResponseHeader h : state.headers()) {
      response.addHeader(h.name(), h.value());
    }
    if (state.reply().isPresent()) {
      reply(request, response, state.reply().get());
      return true;
    }
    return false;
  }

  /**
   * Sends a refusal in the application's place, after {@linkplain #discardBody discarding} the
   * body.
   */
  static void send(HttpServletRequest request, HttpServletResponse response, Refusal refusal)
      throws IOException {
    discardBody(request);
    send(response, refusal);
  }

  /**
   * Sends a bare error status in the application's place, after {@linkplain #discardBody
   * discarding} the body.
   */
  static void sendError(HttpServletRequest request, HttpServletResponse response, int status)
      throws IOException {
    discardBody(request);
    response.sendError(status);
  }

  /**
   * Reads and drops the rest of the request body ({@link UnreadBody#discard}); nothing when the
   * request has no body, or the application took its reader or went asynchronous.
   */
  static void discardBody(HttpServletRequest request) {
    long declared = request.getContentLengthLong();
    if (declared == 0 || (declared < 0 && request.getHeader("Transfer-Encoding") == null)) {
      return;
    }
    try {
      UnreadBody.discard(request.getInputStream(), declared);
    } catch (IOException | IllegalStateException e) {
      // The client went away, or the application took the reader or set a read listener: the answer
      // still goes; the container decides about the connection.
      LOG.log(
          System.Logger.Level.DEBUG,
          "Clerk filter: request body not discarded: {0}",
          e.getClass().getName());
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
   * Content-Length: 0} and flushed the buffer without opening it (the stream stayed open, the
   * client waited for ever). Through the writer when the application already took it (a refused
   * forward).
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
