package dev.clerk.jakarta.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A raw-socket HTTP/1.1 client that sends a whole oversized request body before it reads the
 * answer, as a webhook sender on a slow link does: the answer must arrive whole (the server reads
 * and discards what it refuses), never as a reset connection that loses it. The request is a
 * webhook delivery's ({@code Content-Type: application/json} and placeholder {@code svix-*} headers
 * that do not verify), on loopback, with {@code Connection: close}.
 *
 * <p>Stateless and thread-safe: each call opens its own connection and writer thread.
 *
 * @since 0.1
 */
public final class OversizedPost {
  /**
   * An answer as read off the wire.
   *
   * @param status the status code
   * @param head the status line and the headers, lower-cased, through the blank line that ends them
   * @param body the body ({@code Content-Length} bytes, none without one) as UTF-8
   * @since 0.1
   */
  public record Answer(int status, String head, String body) {}

  private OversizedPost() {}

  /**
   * POSTs {@code body} to {@code path} on one connection, with a {@code Content-Length} or chunked,
   * writing all of it (on another thread, so a server that never reads cannot hang the test), then
   * reads one answer.
   *
   * @param base the server's address; only its port is used (the host is loopback)
   * @param path the request target, e.g. {@code "/webhooks/clerk"}
   * @param body the request body, written whole
   * @param chunked whether to send it chunked (8 KiB chunks) rather than with a {@code
   *     Content-Length}
   * @return the answer
   * @throws ExecutionException if writing the request failed (e.g. the server reset the connection)
   * @throws TimeoutException if the request was not written within 20 seconds
   * @throws java.net.SocketTimeoutException if no answer came within 20 seconds of a read
   * @throws IOException if connecting or reading failed, or the connection ended before the headers
   * @throws InterruptedException if interrupted while waiting for the write
   */
  public static Answer send(URI base, String path, byte[] body, boolean chunked)
      throws IOException, InterruptedException, ExecutionException, TimeoutException {
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), base.getPort())) {
      s.setSoTimeout(20_000);
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
              + "Content-Type: application/json\r\nsvix-id: msg_1\r\nsvix-timestamp: 1\r\nsvix-signature: v1,AAAA\r\n"
              + (chunked
                  ? "Transfer-Encoding: chunked\r\n\r\n"
                  : "Content-Length: " + body.length + "\r\n\r\n");
      OutputStream out = s.getOutputStream();
      Future<?> written =
          writer.submit(
              () -> {
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                if (chunked) {
                  for (int off = 0; off < body.length; off += 8192) {
                    int n = Math.min(8192, body.length - off);
                    out.write(
                        (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body, off, n);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                  }
                  out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                } else {
                  out.write(body);
                }
                out.flush();
                return null;
              });
      // The whole request is on the wire before the answer is read: a server that closed without
      // reading it has reset the connection by now, and this wait or the read below fails.
      written.get(20, TimeUnit.SECONDS);
      return read(s.getInputStream());
    } finally {
      writer.shutdownNow();
    }
  }

  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection ended before the answer's headers: " + head);
      }
      head.write(b);
    }
    String h = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    int status = Integer.parseInt(h.substring(9, 12));
    int at = h.indexOf("\r\ncontent-length:");
    int length =
        at < 0 ? 0 : Integer.parseInt(h.substring(at + 17, h.indexOf("\r\n", at + 2)).trim());
    return new Answer(status, h, new String(in.readNBytes(length), StandardCharsets.UTF_8));
  }
}
