package dev.clerk.jakarta.core.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A body handler that reads at most a number of bytes and fails the exchange with an {@link
 * IOException} beyond it, so that a misbehaving server cannot exhaust the heap.
 *
 * <p>Thread-safe; each exchange gets its own subscriber.
 *
 * @since 0.1
 */
public final class LimitedBody {
  private LimitedBody() {}

  /**
   * {@return a handler reading at most {@code maxBytes}}
   *
   * @param maxBytes the cap
   */
  public static HttpResponse.BodyHandler<byte[]> handler(long maxBytes) {
    return info -> new Subscriber(maxBytes, info.statusCode());
  }

  /** The body exceeded the cap. */
  public static final class TooLargeException extends IOException {
    private final int statusCode;
    private final long maxBytes;

    TooLargeException(int statusCode, long maxBytes) {
      super("response body larger than " + maxBytes + " bytes");
      this.statusCode = statusCode;
      this.maxBytes = maxBytes;
    }

    /** {@return the status of the response whose body was too large} */
    public int statusCode() {
      return statusCode;
    }

    /** {@return the cap} */
    public long maxBytes() {
      return maxBytes;
    }

    /**
     * {@return the first {@code TooLargeException} in a cause chain, or null}
     *
     * @param t a failure
     */
    public static @org.jspecify.annotations.Nullable TooLargeException find(
        @org.jspecify.annotations.Nullable Throwable t) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        if (c instanceof TooLargeException tl) {
          return tl;
        }
      }
      return null;
    }
  }

  private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final long maxBytes;
    private final int statusCode;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.@org.jspecify.annotations.Nullable Subscription subscription;

    Subscriber(long maxBytes, int statusCode) {
      this.maxBytes = maxBytes;
      this.statusCode = statusCode;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      this.subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        if (out.size() + (long) b.remaining() > maxBytes) {
          Flow.Subscription s = subscription;
          if (s != null) {
            s.cancel();
          }
          result.completeExceptionally(new TooLargeException(statusCode, maxBytes));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }
}
