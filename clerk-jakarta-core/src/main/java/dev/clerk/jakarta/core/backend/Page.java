package dev.clerk.jakarta.core.backend;

import java.util.List;

/**
 * One page of a list answer.
 *
 * @param data the items of this page
 * @param totalCount how many items match in all pages
 * @param <T> the item type
 * @since 0.1
 */
public record Page<T>(List<T> data, long totalCount) {
  /**
   * Copies.
   *
   * @param data items
   * @param totalCount total
   */
  public Page {
    data = List.copyOf(data);
  }
}
