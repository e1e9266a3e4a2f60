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

  private Call(String method, String path) {
    this.method = method.toUpperCase(Locale.ROOT);
    this.path = path;
    this.idempotent = switch (this.method) {
      case "GET", "HEAD", "PUT", "DELETE", "OPTIONS" -> true;
      default -> false;
    };
  }

  /** A call to {@code path} exactly as given (it must start with {@code /}). */
  static Call of(String method, String path) {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with /, got \"" + path + "\"");
    }
    return new Call(method, path);
  }

  /** Percent-encodes one path segment (ids come from callers and may hold anything). */
  static String seg(String segment, String name) {
    Objects.requireNonNull(segment, name + " == null");
    if (segment.isEmpty()) {
      throw new IllegalArgumentException(name + " is empty");
    }
    return QueryString.encode(segment);
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
