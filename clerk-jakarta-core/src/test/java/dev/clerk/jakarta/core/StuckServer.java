package dev.clerk.jakarta.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP "server" owned by a test, for the faults FakeClerk cannot produce: it accepts TCP
 * connections and then misbehaves at the socket level. Every connection stays open until {@link
 * #close()} unless the behaviour ends it; nothing is ever answered correctly. Thread-safe.
 */
final class StuckServer implements AutoCloseable {
  /** What happens on each accepted connection. */
  enum Behaviour {
    /** Accepts the connection and never reads nor answers. */
    SILENT,
    /** Reads the request, sends the status line and headers of a 200 with a body, then stalls. */
    HEADERS_THEN_STALL,
    /** Reads the request, then resets the connection (TCP RST). */
    RESET,
    /**
     * Reads the request, then closes the connection without answering after {@code closeAfter}: the
     * JDK's HttpClient retries such a GET by itself once, with a fresh timer.
     */
    CLOSE_LATE
  }

  private final ServerSocket server;
  private final Behaviour behaviour;
  private final Duration closeAfter;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger unclean = new AtomicInteger();
  private final AtomicInteger closedByClient = new AtomicInteger();
  private final Thread acceptor;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "stuck-server-timer");
            t.setDaemon(true);
            return t;
          });

  StuckServer(Behaviour behaviour, Duration closeAfter) throws IOException {
    this.behaviour = behaviour;
    this.closeAfter = closeAfter;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "stuck-server-" + behaviour);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  StuckServer(Behaviour behaviour) throws IOException {
    this(behaviour, Duration.ZERO);
  }

  /** {@return the base URL, e.g. {@code http://127.0.0.1:4711}} */
  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** {@return how many connections were accepted} */
  int connections() {
    return connections.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      accepted.add(s);
      connections.incrementAndGet();
      Thread handler = new Thread(() -> handle(s), "stuck-server-connection");
      handler.setDaemon(true);
      handler.start();
    }
  }

  private void handle(Socket s) {
    boolean drain = false;
    try {
      switch (behaviour) {
        case SILENT -> drain = true;
        case HEADERS_THEN_STALL -> {
          readRequest(s.getInputStream());
          OutputStream out = s.getOutputStream();
          out.write(
              ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"keys\":[")
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          drain = true;
        }
        case RESET -> {
          readRequest(s.getInputStream());
          s.setSoLinger(true, 0);
          s.close();
        }
        case CLOSE_LATE -> {
          readRequest(s.getInputStream());
          timer.schedule(() -> closeQuietly(s), closeAfter.toNanos(), TimeUnit.NANOSECONDS);
        }
      }
      if (drain) {
        // Whatever the client still sends, until it closes its end.
        InputStream in = s.getInputStream();
        while (in.read() >= 0) {
          continue;
        }
        closedByClient.incrementAndGet();
        synchronized (closedByClient) {
          closedByClient.notifyAll();
        }
      }
    } catch (IOException e) {
      unclean.incrementAndGet(); // the client reset its end, or close() closed the socket
      synchronized (closedByClient) {
        closedByClient.notifyAll();
      }
      closeQuietly(s);
    }
  }

  /**
   * {@return whether every connection accepted so far was closed by the client within {@code
   * limit}} For {@link Behaviour#SILENT} and {@link Behaviour#HEADERS_THEN_STALL}: the client gave
   * up the exchange rather than leave the connection reading.
   *
   * @param limit how long to wait
   */
  boolean awaitClosedByClient(Duration limit) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    synchronized (closedByClient) {
      while (closedByClient.get() + unclean.get() < connections.get()) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(closedByClient, left);
      }
      return connections.get() > 0;
    }
  }

  private static void readRequest(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("request ended early");
      }
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  private void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      unclean.incrementAndGet(); // a socket the client already reset: nothing left to release
    }
  }

  @Override
  public void close() throws IOException {
    timer.shutdownNow();
    server.close();
    for (Socket s : accepted) {
      closeQuietly(s);
    }
  }
}
