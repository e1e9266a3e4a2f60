package dev.clerk.jakarta.core.request;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * What an adapter does with a request body it answers without reading: a {@link Refusal}, a
 * handshake or sign-in redirect, a webhook refused as too large. It reads and drops the body, up to
 * a bound, before the answer goes out: a server that answers and closes the connection while the
 * client is still sending resets it, and the client loses the answer (a page uploading a form after
 * its session ended would show a network error instead of the sign-in page). Tomcat does this
 * itself (its {@code maxSwallowSize}, 2 MiB by default); Jetty 12 does not. A longer body is left
 * to the container, which closes the connection.
 *
 * <p>Stateless; thread-safe.
 *
 * @since 0.2
 */
public final class UnreadBody {
  /**
   * The most of an unread request body an adapter reads and drops before its own answer: 2 MiB,
   * Tomcat's default.
   */
  public static final long DISCARD_LIMIT = 2L * 1024 * 1024;

  private UnreadBody() {}

  /**
   * Reads and drops what is left of a request body before an answer given without reading it: at
   * most {@link #DISCARD_LIMIT} bytes, nothing when the declared length is above it.
   *
   * @param in the body stream (not closed)
   * @param declaredLength the {@code Content-Length}, or -1 when unknown (chunked)
   * @throws IOException when reading fails (the client went away: the answer still goes)
   */
  public static void discard(InputStream in, long declaredLength) throws IOException {
    Objects.requireNonNull(in, "in == null");
    if (declaredLength <= DISCARD_LIMIT) {
      skip(in, DISCARD_LIMIT);
    }
  }

  /**
   * Reads and drops up to {@code max} bytes, or to the end of the stream.
   *
   * @param in the stream (not closed)
   * @param max the most bytes read
   * @return the bytes dropped
   * @throws IOException when reading fails
   */
  public static long skip(InputStream in, long max) throws IOException {
    Objects.requireNonNull(in, "in == null");
    byte[] sink = new byte[8192];
    long dropped = 0;
    while (dropped < max) {
      int n = in.read(sink, 0, (int) Math.min(sink.length, max - dropped));
      if (n < 0) {
        break;
      }
      dropped += n;
    }
    return dropped;
  }
}
