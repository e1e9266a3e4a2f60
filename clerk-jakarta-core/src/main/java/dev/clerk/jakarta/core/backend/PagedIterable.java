package dev.clerk.jakarta.core.backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * All items of a list call, fetched lazily page by page ({@code limit}/{@code offset}) as you
 * iterate. Iteration stops after a short page, or when the offset reaches Clerk's {@code
 * total_count}. Each {@link #iterator()} starts again from the first page.
 *
 * <p>A failure while fetching a page surfaces from {@code hasNext()}/{@code next()} as an {@link
 * UncheckedIOException} (transport failure) or a {@link ClerkApiException}.
 *
 * <pre>
 * long admins = api.organizationMemberships().iterate("org_1", ListParams.first(100))
 *     .stream().filter(m -&gt; m.role().equals("org:admin")).count();
 * </pre>
 *
 * <p>Thread-safe to share; each iterator is for one thread.
 *
 * @param <T> the item type
 * @since 0.1
 */
public final class PagedIterable<T> implements Iterable<T> {
  /** Page size when the params give none. */
  public static final int DEFAULT_PAGE_SIZE = 100;

  /** Fetches one page; {@code total} is -1 when the endpoint does not report it. */
  interface Fetcher<T> {
    Chunk<T> fetch(ListParams page) throws IOException;
  }

  record Chunk<T>(List<T> data, long total) {}

  private final Fetcher<T> fetcher;
  private final ListParams params;

  PagedIterable(Fetcher<T> fetcher, ListParams params) {
    this.fetcher = fetcher;
    Integer limit = params.limit();
    this.params = limit == null ? params.withLimit(DEFAULT_PAGE_SIZE) : params;
  }

  @Override
  public Iterator<T> iterator() {
    return new Paging();
  }

  /** {@return the items as a sequential, lazy stream} */
  public Stream<T> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  private final class Paging implements Iterator<T> {
    private final int limit = java.util.Objects.requireNonNull(params.limit());
    private long offset = params.offset() == null ? 0 : params.offset();
    private List<T> page = List.of();
    private int index;
    private boolean last;

    @Override
    public boolean hasNext() {
      while (index >= page.size()) {
        if (last) {
          return false;
        }
        Chunk<T> chunk;
        try {
          chunk = fetcher.fetch(params.withOffset(offset));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        page = chunk.data();
        index = 0;
        offset += page.size();
        last = page.size() < limit || (chunk.total() >= 0 && offset >= chunk.total());
      }
      return true;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return page.get(index++);
    }
  }
}
