package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.request.PercentEncoding;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The path inside the web application that protection rules are matched on, computed from the raw
 * request URI rather than trusted from the container, so that containers that decode differently
 * cannot be used to slip past a rule.
 *
 * <p>Normalisation: {@code ;} path parameters are removed from each segment, empty segments ({@code
 * //}) collapse, {@code .} and {@code ..} are resolved (a trailing {@code /.} or {@code /;x} leaves
 * a trailing slash), other percent-escapes are decoded once. Refused (the filter answers 400): an
 * escaped separator ({@code /}, {@code \} or {@code ;}, which containers decode into a character
 * that no longer separates), an escaped {@code %} (a second decoding anywhere downstream would read
 * another path), an escaped dot segment ({@code %2e%2e}), a raw {@code \}, control characters (C0,
 * DEL and C1, raw or escaped), malformed escapes or invalid UTF-8, and a {@code ..} that climbs out
 * of the application. So the normalised form is a fixed point: normalising it again gives it back.
 */
final class RequestPath {
  private RequestPath() {}

  /**
   * {@return the paths a request may be served under: the normalised raw path and, when it differs,
   * the container's own servlet path; null when the request is ambiguous and must be refused}
   */
  static @Nullable Set<String> of(HttpServletRequest request) {
    String containerPath;
    try {
      String sp = request.getServletPath();
      String pi = request.getPathInfo();
      containerPath = (sp == null ? "" : sp) + (pi == null ? "" : pi);
    } catch (RuntimeException e) {
      // Jetty refuses to expose an ambiguous path; so do we.
      return null;
    }
    return paths(request.getRequestURI(), request.getContextPath(), containerPath);
  }

  /**
   * {@return the paths the target of a dispatch is served under, as {@link #of} does for a request:
   * for an include those of the {@code jakarta.servlet.include.*} attributes, for a forward, an
   * async or an error dispatch the dispatched request's own; null when ambiguous}
   *
   * @param request the dispatched request
   * @param type its dispatcher type
   */
  static @Nullable Set<String> target(HttpServletRequest request, DispatcherType type) {
    if (type == DispatcherType.INCLUDE
        && request.getAttribute(RequestDispatcher.INCLUDE_REQUEST_URI) instanceof String uri) {
      String context =
          request.getAttribute(RequestDispatcher.INCLUDE_CONTEXT_PATH) instanceof String c ? c : "";
      String sp =
          request.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH) instanceof String s ? s : "";
      String pi =
          request.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO) instanceof String p ? p : "";
      return paths(uri, context, sp + pi);
    }
    // A named dispatcher's include carries no attributes: its path elements are the includer's.
    return of(request);
  }

  private static @Nullable Set<String> paths(
      @Nullable String requestUri, @Nullable String context, String containerPath) {
    String normalised = normalise(requestUri);
    if (normalised == null) {
      return null;
    }
    if (context != null && !context.isEmpty()) {
      String ctx = normalise(context);
      if (ctx == null) {
        return null;
      }
      if (normalised.equals(ctx)) {
        normalised = "/";
      } else if (normalised.startsWith(ctx + "/")) {
        normalised = normalised.substring(ctx.length());
      } else {
        return null; // the path resolves outside this application
      }
    }
    // Rules are checked against both; the stricter outcome wins. Usually they are one.
    String container = containerPath.isEmpty() ? "/" : containerPath;
    if (container.equals(normalised)) {
      return Set.of(normalised);
    }
    Set<String> paths = new LinkedHashSet<>();
    paths.add(normalised);
    paths.add(container);
    return paths;
  }

  /**
   * {@return the normalised form of a raw (undecoded) absolute path, or null when it is ambiguous}
   *
   * @param rawPath e.g. {@code /public/..;/api/me}
   */
  static @Nullable String normalise(@Nullable String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    if (rawPath.charAt(0) != '/') {
      return null;
    }
    return isNormal(rawPath) ? rawPath : normaliseSegments(rawPath);
  }

  /**
   * {@return whether {@link #normaliseSegments} would answer {@code rawPath} itself} So it does for
   * the usual path: no {@code ;}, {@code \}, {@code %} nor control character, and no empty, {@code
   * .} or {@code ..} segment (an empty last one, a trailing slash, aside). Allocates nothing.
   *
   * @param rawPath starts with {@code /}
   */
  static boolean isNormal(String rawPath) {
    int segmentStart = 1;
    for (int i = 1; i <= rawPath.length(); i++) {
      boolean end = i == rawPath.length();
      char c = end ? '/' : rawPath.charAt(i);
      if (c == '/') {
        int length = i - segmentStart;
        if ((length == 0 && !end)
            || (length == 1 && rawPath.charAt(segmentStart) == '.')
            || (length == 2
                && rawPath.charAt(segmentStart) == '.'
                && rawPath.charAt(segmentStart + 1) == '.')) {
          return false;
        }
        segmentStart = i + 1;
      } else if (c == ';' || c == '\\' || c == '%' || Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link #normalise}, segment by segment.
   *
   * @param rawPath starts with {@code /}
   */
  static @Nullable String normaliseSegments(String rawPath) {
    String[] segments = rawPath.substring(1).split("/", -1);
    Deque<String> out = new ArrayDeque<>();
    boolean trailingSlash = false;
    for (int i = 0; i < segments.length; i++) {
      boolean last = i == segments.length - 1;
      String seg = segments[i];
      int semi = seg.indexOf(';');
      if (semi >= 0) {
        seg = seg.substring(0, semi);
      }
      if (seg.indexOf('\\') >= 0 || hasControl(seg)) {
        return null;
      }
      if (seg.indexOf('%') >= 0) {
        String decoded = decode(seg);
        if (decoded == null
            || decoded.indexOf('/') >= 0
            || decoded.indexOf('\\') >= 0
            || decoded.indexOf(';') >= 0
            || decoded.indexOf('%') >= 0
            || hasControl(decoded)
            || decoded.equals(".")
            || decoded.equals("..")) {
          return null;
        }
        seg = decoded;
      }
      trailingSlash = false;
      if (seg.isEmpty() || seg.equals(".")) {
        trailingSlash = last;
      } else if (seg.equals("..")) {
        if (out.isEmpty()) {
          return null;
        }
        out.removeLast();
        trailingSlash = last;
      } else {
        out.addLast(seg);
      }
    }
    if (out.isEmpty()) {
      return "/";
    }
    return "/" + String.join("/", out) + (trailingSlash ? "/" : "");
  }

  /** C0 controls, DEL and the C1 controls (U+0080 to U+009F, e.g. NEL). */
  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable String decode(String s) {
    return PercentEncoding.decode(s);
  }
}
