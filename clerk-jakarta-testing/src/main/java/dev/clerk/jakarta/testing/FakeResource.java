package dev.clerk.jakarta.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the fake Backend API resources ({@link FakeUsers}, {@link FakeSessions}, …) share: routes
 * behind the secret key and the directory's one lock, Clerk's error answers, and the helpers for
 * request bodies, query parameters, pages and copies. A resource keeps its own state and reaches
 * the others through {@link #dir}.
 */
abstract class FakeResource {
  final FakeDirectory dir;
  final FakeClerk fake;

  /** The directory's lock: every route and every public accessor holds it. */
  final Object lock;

  FakeResource(FakeDirectory dir) {
    this.dir = dir;
    this.fake = dir.fake;
    this.lock = dir.lock;
  }

  /** An error answer, thrown inside handlers and turned into a response. */
  static final class Refusal extends RuntimeException {
    final transient FakeResponse response;

    Refusal(int status, String code, String message) {
      super(code, null, false, false);
      this.response = FakeResponse.clerkError(status, code, message);
    }
  }

  /** Answers a routed request: a {@link FakeResponse}, or a JSON value answered with 200. */
  interface Handler {
    Object handle(RecordedRequest r, List<String> groups);
  }

  /**
   * Routes {@code method} and {@code regex} (its groups are the URL-decoded path parameters) to
   * {@code h}, after {@link #deny}, under the lock. A {@link Refusal} answers its error; an {@link
   * IllegalArgumentException} (a body that is not a JSON object) answers 400 {@code
   * malformed_request_body}.
   */
  final void on(String method, String regex, Handler h) {
    Pattern p = Pattern.compile(regex);
    fake.route(
        method,
        regex,
        r -> {
          FakeResponse denied = deny(r);
          if (denied != null) {
            return denied;
          }
          Matcher m = p.matcher(r.path());
          List<String> groups = new ArrayList<>();
          if (m.matches()) {
            for (int i = 1; i <= m.groupCount(); i++) {
              groups.add(URLDecoder.decode(m.group(i), StandardCharsets.UTF_8));
            }
          }
          try {
            synchronized (lock) {
              Object out = h.handle(r, groups);
              return out instanceof FakeResponse response ? response : FakeResponse.json(200, out);
            }
          } catch (Refusal e) {
            return e.response;
          } catch (IllegalArgumentException e) {
            return FakeResponse.clerkError(
                400, "malformed_request_body", "The request body is not valid JSON.");
          }
        });
  }

  /** {@return null to serve the request, else the answer}: Clerk's 401 without the secret key. */
  @Nullable FakeResponse deny(RecordedRequest r) {
    return fake.checkSecretKey(r);
  }

  long now() {
    return fake.clock().millis();
  }

  static Refusal notFound() {
    return new Refusal(404, "resource_not_found", "Resource not found");
  }

  // ---- stored resources -----------------------------------------------------------------

  /**
   * {@return a field that every stored resource of its kind has (its {@code id}, a user's {@code
   * email_addresses}, ...)}: these maps are built here, so an absent one is a bug of this fake.
   */
  static Object field(Map<String, ?> resource, String name) {
    Object v = resource.get(name);
    if (v == null) {
      throw new IllegalStateException("stored resource without " + name);
    }
    return v;
  }

  // ---- request bodies -------------------------------------------------------------------

  static void checkFields(Map<String, Object> body, Set<String> allowed) {
    for (String k : body.keySet()) {
      if (!allowed.contains(k)) {
        throw new Refusal(
            422, "form_param_unknown", k + " is not a valid parameter for this request.");
      }
    }
  }

  static @Nullable String str(Map<String, Object> body, String name) {
    Object v = body.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new Refusal(422, "form_param_format_invalid", name + " must be a string.");
    }
    return s;
  }

  static List<String> strs(Map<String, Object> body, String name) {
    Object v = body.get(name);
    List<String> out = new ArrayList<>();
    if (v instanceof String s) {
      out.add(s);
    } else if (v instanceof List<?> l) {
      for (Object o : l) {
        if (!(o instanceof String s)) {
          throw new Refusal(422, "form_param_format_invalid", name + " must hold strings.");
        }
        out.add(s);
      }
    } else if (v != null) {
      throw new Refusal(
          422, "form_param_format_invalid", name + " must be a string or a list of strings.");
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadata(Object v, String name) {
    if (!(v instanceof Map<?, ?> m)) {
      throw new Refusal(422, "form_param_format_invalid", name + " must be an object.");
    }
    return new LinkedHashMap<>((Map<String, Object>) m);
  }

  /** {@return the metadata field {@code name} of a body as a new map; absent or null is empty} */
  static Map<String, Object> metadataOrEmpty(Map<String, Object> body, String name) {
    Object v = body.get(name);
    return v == null ? new LinkedHashMap<>() : metadata(v, name);
  }

  /** Sets each metadata field of {@code names} on a new object; absent or null is empty. */
  static void putMetadata(Map<String, Object> target, Map<String, Object> body, Set<String> names) {
    for (String k : names) {
      target.put(k, metadataOrEmpty(body, k));
    }
  }

  /** Replaces each metadata field of {@code names} that the body has; null empties it. */
  static void replaceMetadata(
      Map<String, Object> target, Map<String, Object> body, Set<String> names) {
    for (String k : names) {
      if (body.containsKey(k)) {
        target.put(k, metadataOrEmpty(body, k));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepMerge(
      Map<String, Object> base, Map<String, Object> patch) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      Object v = e.getValue();
      if (v == null) {
        out.remove(e.getKey());
      } else if (v instanceof Map<?, ?> pm && out.get(e.getKey()) instanceof Map<?, ?> bm) {
        out.put(e.getKey(), deepMerge((Map<String, Object>) bm, (Map<String, Object>) pm));
      } else {
        out.put(e.getKey(), v);
      }
    }
    return out;
  }

  /** {@code PATCH …/metadata}: deep-merges each allowed field of the body into {@code target}. */
  Map<String, Object> mergeMetadata(
      Map<String, Object> target, Map<String, Object> body, Set<String> allowed) {
    checkFields(body, allowed);
    for (String k : allowed) {
      if (body.containsKey(k)) {
        Object v = body.get(k);
        @SuppressWarnings("unchecked")
        Map<String, Object> base =
            target.get(k) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        target.put(k, v == null ? new LinkedHashMap<>() : deepMerge(base, metadata(v, k)));
      }
    }
    target.put("updated_at", now());
    return target;
  }

  // ---- query parameters, pages ----------------------------------------------------------

  private static int intParam(RecordedRequest r, String name, int def, int min, int max) {
    String v = r.queryParam(name);
    if (v == null) {
      return def;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the refusal
    }
    throw new Refusal(
        422, "form_param_value_invalid", name + " must be between " + min + " and " + max + ".");
  }

  /** All values of a repeated query parameter (also accepts {@code name[]}). */
  static List<String> params(RecordedRequest r, String name) {
    List<String> out = new ArrayList<>();
    String q = r.rawQuery();
    if (q == null || q.isEmpty()) {
      return out;
    }
    for (String pair : q.split("&", -1)) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (k.equals(name) || k.equals(name + "[]")) {
        out.add(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  /** {@code order_by}: {@code [+-]field} of {@code allowed}, ties broken by creation order. */
  Comparator<Map<String, Object>> order(@Nullable String orderBy, Set<String> allowed) {
    String o = orderBy == null ? "-created_at" : orderBy;
    boolean desc = o.startsWith("-");
    String field = o.startsWith("-") || o.startsWith("+") ? o.substring(1) : o;
    if (!allowed.contains(field)) {
      throw new Refusal(422, "form_param_value_invalid", "order_by " + o + " is not supported.");
    }
    Comparator<Map<String, Object>> c =
        Comparator.comparing(
            m ->
                m.get(field) == null
                    ? ""
                    : m.get(field) instanceof Number n
                        ? String.format(Locale.ROOT, "%020d", n.longValue())
                        : String.valueOf(m.get(field)).toLowerCase(Locale.ROOT));
    c = c.thenComparing(m -> dir.rank(String.valueOf(m.get("id"))));
    return desc ? c.reversed() : c;
  }

  /** {@code limit} (1–500, default 10) and {@code offset}: a bare array, or Clerk's page object. */
  static Object page(List<Map<String, Object>> all, RecordedRequest r, boolean paginated) {
    int limit = intParam(r, "limit", 10, 1, 500);
    int offset = intParam(r, "offset", 0, 0, Integer.MAX_VALUE);
    List<Map<String, Object>> data =
        all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
    if (!paginated) {
      return new ArrayList<>(data);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", new ArrayList<>(data));
    out.put("total_count", all.size());
    return out;
  }

  // ---- answers --------------------------------------------------------------------------

  static Map<String, Object> deleted(String object, Object id, @Nullable Object slug) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("object", object);
    out.put("id", id);
    if (slug != null) {
      out.put("slug", slug);
    }
    out.put("deleted", true);
    return out;
  }

  /** {@return a copy deep enough that the caller's changes never reach the state} */
  @SuppressWarnings("unchecked")
  static Map<String, Object> copy(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach(
        (k, v) ->
            out.put(
                k,
                v instanceof Map<?, ?> mm
                    ? copy((Map<String, Object>) mm)
                    : v instanceof List<?> l ? new ArrayList<>(l) : v));
    return out;
  }
}
