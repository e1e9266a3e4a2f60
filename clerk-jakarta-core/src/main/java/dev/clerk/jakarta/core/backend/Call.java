package dev.clerk.jakarta.core.backend;

import dev.clerk.jakarta.core.internal.http.QueryString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One Backend API request description, built by the resources. Not thread-safe; used once. */
final class Call {
  final String method;
  final String path;
  final QueryString query = new QueryString();
  @Nullable Object body;
  @Nullable String bearer;
  boolean authenticated = true;
  boolean idempotent;
  String accept = "application/json";
  final Map<String, String> headers = new LinkedHashMap<>();
  @Nullable RetryPolicy retry;
  java.time.@Nullable Duration timeout;

  /** The path with its ids as {@code {name}} and no query: what telemetry may show. */
  final String template;

  /**
   * Brackets an id that {@link #seg} put into a path, {@code MARK name MARK value MARK}, so that
   * {@link #of} can name it in the {@link #template}; an encoded segment never holds it.
   */
  private static final char MARK = '\u0000';

  private static final java.util.regex.Pattern PATH_WORD =
      java.util.regex.Pattern.compile("[a-z][a-z0-9_]{0,39}");

  private Call(String method, String path, String template) {
    this.method = method.toUpperCase(Locale.ROOT);
    this.path = path;
    this.template = template;
    this.idempotent =
        switch (this.method) {
          case "GET", "HEAD", "PUT", "DELETE", "OPTIONS" -> true;
          default -> false;
        };
  }

  /** A call to {@code path} exactly as given (it must start with {@code /}). */
  static Call of(String method, String path) {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
    if (path.indexOf(MARK) < 0) {
      checkStart(path);
      return new Call(method, path, wordsOnly(path));
    }
    StringBuilder real = new StringBuilder(path.length());
    StringBuilder template = new StringBuilder(path.length());
    int i = 0;
    for (int m = path.indexOf(MARK); m >= 0; m = path.indexOf(MARK, i)) {
      int v = path.indexOf(MARK, m + 1);
      int e = v < 0 ? -1 : path.indexOf(MARK, v + 1);
      if (e < 0) {
        throw new IllegalArgumentException("path must not contain NUL");
      }
      real.append(path, i, m).append(path, v + 1, e);
      template.append(path, i, m).append('{').append(path, m + 1, v).append('}');
      i = e + 1;
    }
    real.append(path, i, path.length());
    template.append(path, i, path.length());
    checkStart(real.toString());
    return new Call(method, real.toString(), template.toString());
  }

  private static void checkStart(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with /, got \"" + path + "\"");
    }
  }

  /**
   * A path given whole (a raw request): segments shaped like Clerk's path words stay, others are
   * ids.
   */
  private static String wordsOnly(String path) {
    StringBuilder sb = new StringBuilder(path.length());
    for (String s : path.substring(1).split("/", -1)) {
      sb.append('/').append(s.isEmpty() || PATH_WORD.matcher(s).matches() ? s : "{id}");
    }
    return sb.toString();
  }

  /**
   * Percent-encodes one path segment (ids come from callers and may hold anything), marked as the
   * id {@code name} for {@link #of}: use the result only in a path given to {@link #of}.
   */
  static String seg(String segment, String name) {
    Objects.requireNonNull(segment, name + " == null");
    if (segment.isEmpty()) {
      throw new IllegalArgumentException(name + " is empty");
    }
    return MARK + name + MARK + QueryString.encode(segment) + MARK;
  }

  Call query(String name, @Nullable Object value) {
    if (value != null) {
      query.add(name, String.valueOf(value));
    }
    return this;
  }

  Call query(List<Map.Entry<String, String>> pairs) {
    query.addAll(new ArrayList<>(pairs));
    return this;
  }

  Call body(@Nullable Object body) {
    this.body = body;
    return this;
  }

  Call idempotent() {
    this.idempotent = true;
    return this;
  }

  Call bearer(@Nullable String bearer) {
    this.bearer = bearer;
    return this;
  }

  Call unauthenticated() {
    this.authenticated = false;
    return this;
  }

  Call accept(String accept) {
    this.accept = accept;
    return this;
  }

  /** The method and path, for messages: never the query, which may carry a nonce. */
  String describe() {
    return method + " " + path;
  }
}
