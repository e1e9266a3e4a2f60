package dev.clerk.jakarta.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListParamsTest {
  @Test
  void withMethodsWhenChainedThenCopiesInOrder() {
    ListParams base = ListParams.first(20);
    ListParams p =
        base.withOffset(40)
            .withOrderBy("-created_at")
            .withFilter("email_address", "a", "b")
            .withQuery("x");

    assertEquals(20, p.limit());
    assertEquals(40L, p.offset());
    assertEquals(
        List.of(
            Map.entry("order_by", "-created_at"),
            Map.entry("email_address", "a"),
            Map.entry("email_address", "b"),
            Map.entry("query", "x")),
        p.filters());
    assertNull(base.offset());
    assertEquals(
        List.of(
            Map.entry("email_address", "a"),
            Map.entry("email_address", "b"),
            Map.entry("query", "x")),
        p.countFilters());
  }

  @Test
  void withLimitWhenOutOfRangeThenMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ListParams.first(501));

    assertEquals("limit must be between 1 and 500, got 501", e.getMessage());
  }

  @Test
  void withOffsetWhenNegativeThenMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ListParams.defaults().withOffset(-1));

    assertEquals("offset must not be negative, got -1", e.getMessage());
  }

  @Test
  void withFilterWhenLimitThenPointsToWithLimit() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ListParams.defaults().withFilter("limit", "5"));

    assertEquals("use withLimit/withOffset for limit", e.getMessage());
  }

  @Test
  void equalsWhenSameContentThenEqual() {
    assertEquals(
        ListParams.first(5).withFilter("a", "b"), ListParams.first(5).withFilter("a", "b"));
  }
}
