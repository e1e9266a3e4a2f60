package dev.clerk.jakarta.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PagedIterableTest {
  private final List<ListParams> fetched = new ArrayList<>();

  private PagedIterable<Long> over(long count, boolean reportTotal, ListParams params) {
    return new PagedIterable<>(
        page -> {
          fetched.add(page);
          long from = page.offset();
          long to = Math.min(count, from + page.limit());
          List<Long> data = LongStream.range(Math.min(from, count), to).boxed().toList();
          return new PagedIterable.Chunk<>(data, reportTotal ? count : -1);
        },
        params);
  }

  @Test
  void iteratorWhenNoLimitThenDefaultPageSize() {
    assertEquals(250, over(250, true, ListParams.defaults()).stream().count());

    assertEquals(List.of(100, 100, 100), fetched.stream().map(ListParams::limit).toList());
    assertEquals(List.of(0L, 100L, 200L), fetched.stream().map(ListParams::offset).toList());
  }

  @Test
  void iteratorWhenStartOffsetThenStartsThere() {
    assertEquals(
        List.of(5L, 6L), over(7, true, ListParams.first(10).withOffset(5)).stream().toList());
  }

  @Test
  void iteratorWhenEmptyThenOneRequestAndNoSuchElement() {
    Iterator<Long> it = over(0, true, ListParams.first(10)).iterator();

    assertFalse(it.hasNext());
    assertThrows(NoSuchElementException.class, it::next);
    assertEquals(1, fetched.size());
  }

  @Test
  void iteratorWhenFetchFailsThenUncheckedIOExceptionWithCause() {
    IOException cause = new IOException("down");
    PagedIterable<Long> failing =
        new PagedIterable<>(
            page -> {
              throw cause;
            },
            ListParams.first(10));

    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> failing.iterator().hasNext());

    assertEquals(cause, e.getCause());
  }

  @Test
  void iteratorWhenCalledTwiceThenStartsAgain() {
    PagedIterable<Long> p = over(3, false, ListParams.first(2));

    assertEquals(List.of(0L, 1L, 2L), p.stream().toList());
    assertEquals(List.of(0L, 1L, 2L), p.stream().toList());
    assertEquals(4, fetched.size());
  }
}
