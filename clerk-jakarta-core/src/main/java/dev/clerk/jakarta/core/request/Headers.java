package dev.clerk.jakarta.core.request;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request's headers as two parallel arrays, lower-case names and values, in the order they were
 * added (a repeated header repeats its name): collecting a request's headers costs two arrays
 * however many there are, and a lookup is a scan (a request carries a few dozen at most). The map
 * view is made on first use only.
 *
 * <p>A builder's instance is changed by one thread; {@link #freeze} hands a read-only instance to a
 * request, sharing the arrays until the builder changes them again (then it copies them first). A
 * frozen instance never changes and is thread-safe.
 */
final class Headers {
  private static final int INITIAL_CAPACITY = 16;

  private String[] names;
  private String[] values;
  private int size;

  /**
   * Whether a frozen instance shares {@link #names} and {@link #values}: copied before a change.
   */
  private boolean shared;

  Headers() {
    this(new String[INITIAL_CAPACITY], new String[INITIAL_CAPACITY], 0);
  }

  private Headers(String[] names, String[] values, int size) {
    this.names = names;
    this.values = values;
    this.size = size;
  }

  /**
   * {@return a read-only instance with the headers as they are now} Later changes to this go to
   * copies.
   */
  Headers freeze() {
    shared = true;
    return new Headers(names, values, size);
  }

  /** Adds a value of {@code name} (lower-case). */
  void add(String name, String value) {
    writable(size + 1);
    names[size] = name;
    values[size] = value;
    size++;
  }

  /**
   * Replaces every value of {@code name} (lower-case) with {@code value}, where its first one was.
   */
  void set(String name, String value) {
    int first = indexOf(name);
    if (first < 0) {
      add(name, value);
      return;
    }
    writable(size);
    values[first] = value;
    removeFrom(first + 1, name);
  }

  /** Removes every value of {@code name} (lower-case). */
  void remove(String name) {
    int first = indexOf(name);
    if (first >= 0) {
      writable(size);
      removeFrom(first, name);
    }
  }

  private void removeFrom(int from, String name) {
    int kept = from;
    for (int i = from; i < size; i++) {
      if (!names[i].equals(name)) {
        names[kept] = names[i];
        values[kept] = values[i];
        kept++;
      }
    }
    Arrays.fill(names, kept, size, null);
    Arrays.fill(values, kept, size, null);
    size = kept;
  }

  /** Makes the arrays this instance's own, with room for {@code capacity} headers. */
  private void writable(int capacity) {
    if (shared || capacity > names.length) {
      int length = capacity > names.length ? Math.max(capacity, names.length * 2) : names.length;
      names = Arrays.copyOf(names, length);
      values = Arrays.copyOf(values, length);
      shared = false;
    }
  }

  private int indexOf(String name) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** {@return the first value of {@code name} (lower-case), or null} */
  @Nullable String first(String name) {
    int i = indexOf(name);
    return i < 0 ? null : values[i];
  }

  /** {@return every value of {@code name} (lower-case), in order; immutable} */
  List<String> all(String name) {
    int count = 0;
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        count++;
      }
    }
    if (count == 0) {
      return List.of();
    }
    String[] out = new String[count];
    int n = 0;
    for (int i = 0; i < size && n < count; i++) {
      if (names[i].equals(name)) {
        out[n++] = values[i];
      }
    }
    return List.of(out);
  }

  /** {@return every header by lower-case name, in the order each name first came; read-only} */
  Map<String, List<String>> asMap() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      if (!out.containsKey(names[i])) {
        out.put(names[i], all(names[i]));
      }
    }
    return Collections.unmodifiableMap(out);
  }
}
