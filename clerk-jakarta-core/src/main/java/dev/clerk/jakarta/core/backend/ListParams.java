package dev.clerk.jakarta.core.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Paging and filters of a list call: {@code limit} (1–500; Clerk's default 10), {@code offset}, and
 * any filters as query parameters, in order (a filter with several values is sent repeated: {@code
 * email_address=a&email_address=b}).
 *
 * <pre>
 * ListParams p = ListParams.first(50)
 *     .withOrderBy("-created_at")
 *     .withFilter("email_address", "a&#64;example.com", "b&#64;example.com");
 * </pre>
 *
 * <p>Filters of the resources this client models: users ({@code email_address}, {@code
 * phone_number}, {@code external_id}, {@code username}, {@code user_id}, {@code organization_id},
 * {@code query}, {@code last_active_at_since}…), sessions ({@code client_id}, {@code user_id},
 * {@code status}), organizations ({@code query}, {@code include_members_count}), memberships
 * ({@code user_id}, {@code role}), invitations ({@code status}, {@code query}). Order with {@code
 * order_by}, e.g. {@code -created_at}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ListParams {
  /** The largest page Clerk serves. */
  public static final int MAX_LIMIT = 500;

  private static final ListParams DEFAULTS = new ListParams(null, null, List.of());

  private final @Nullable Integer limit;
  private final @Nullable Long offset;
  private final List<Map.Entry<String, String>> filters;

  private ListParams(
      @Nullable Integer limit, @Nullable Long offset, List<Map.Entry<String, String>> filters) {
    this.limit = limit;
    this.offset = offset;
    this.filters = List.copyOf(filters);
  }

  /** {@return no limit, offset or filter (Clerk's defaults)} */
  public static ListParams defaults() {
    return DEFAULTS;
  }

  /**
   * {@return the first {@code limit} items}
   *
   * @param limit 1 to {@value #MAX_LIMIT}
   */
  public static ListParams first(int limit) {
    return DEFAULTS.withLimit(limit);
  }

  /**
   * {@return a copy with this page size}
   *
   * @param limit 1 to {@value #MAX_LIMIT}
   * @throws IllegalArgumentException when out of range
   */
  public ListParams withLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    return new ListParams(limit, offset, filters);
  }

  /**
   * {@return a copy starting at this offset}
   *
   * @param offset zero or more
   * @throws IllegalArgumentException when negative
   */
  public ListParams withOffset(long offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, got " + offset);
    }
    return new ListParams(limit, offset, filters);
  }

  /**
   * {@return a copy with one more filter (sent once per value)}
   *
   * @param name the query parameter, e.g. {@code email_address}
   * @param values its values
   */
  public ListParams withFilter(String name, String... values) {
    Objects.requireNonNull(name, "name == null");
    if (name.equals("limit") || name.equals("offset")) {
      throw new IllegalArgumentException("use withLimit/withOffset for " + name);
    }
    List<Map.Entry<String, String>> f = new ArrayList<>(filters);
    for (String v : values) {
      f.add(Map.entry(name, Objects.requireNonNull(v, "value == null")));
    }
    return new ListParams(limit, offset, f);
  }

  /**
   * {@return a copy ordered by {@code orderBy}}
   *
   * @param orderBy e.g. {@code -created_at} (descending) or {@code name}
   */
  public ListParams withOrderBy(String orderBy) {
    return withFilter("order_by", orderBy);
  }

  /**
   * {@return a copy with a free-text {@code query}}
   *
   * @param query text matched against identifiers and names
   */
  public ListParams withQuery(String query) {
    return withFilter("query", query);
  }

  /** {@return the page size, or null for Clerk's default} */
  public @Nullable Integer limit() {
    return limit;
  }

  /** {@return the offset, or null for 0} */
  public @Nullable Long offset() {
    return offset;
  }

  /** {@return the filters, in order} */
  public List<Map.Entry<String, String>> filters() {
    return filters;
  }

  /** Filters without paging and ordering, for count endpoints. */
  List<Map.Entry<String, String>> countFilters() {
    return filters.stream().filter(e -> !e.getKey().equals("order_by")).toList();
  }

  Call apply(Call c) {
    c.query("limit", limit).query("offset", offset);
    c.query(filters);
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ListParams p
        && Objects.equals(p.limit, limit)
        && Objects.equals(p.offset, offset)
        && p.filters.equals(filters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(limit, offset, filters);
  }

  @Override
  public String toString() {
    return "ListParams{limit=" + limit + ", offset=" + offset + ", filters=" + filters + "}";
  }
}
