package dev.clerk.jakarta.core.backend;

import dev.clerk.jakarta.core.internal.json.JsonValues;
import dev.clerk.jakarta.core.internal.json.JsonValues.MalformedJsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads one of Clerk's JSON objects into a record of this package, component by component: a
 * component {@code createdAt} reads the member {@code created_at} (JSON-B's {@code
 * LOWER_CASE_WITH_UNDERSCORES} rule), strictly by the component's type through {@link JsonValues}:
 *
 * <ul>
 *   <li>{@code String}: absent or null reads as null; see {@link #REQUIRED} and {@link #orDefault};
 *   <li>{@code boolean} and {@code long}: absent or null reads as false and 0; {@code Long} as
 *       null;
 *   <li>{@code Instant}: epoch milliseconds, absent or null reads as null;
 *   <li>{@code Map<String, Object>} (metadata): see {@link JsonValues#toMap}; absent or null reads
 *       as empty, or as null with {@link #NULLABLE_MAP};
 *   <li>{@code List<String>}: absent or null reads as empty;
 *   <li>records and lists of records: only with an explicit {@link #object} or {@link #objects}.
 * </ul>
 *
 * <p>Unknown members are ignored; a member of the wrong kind fails with {@link
 * MalformedJsonException} naming the member, never its value.
 *
 * <p>Why not JSON-B's own binding (the client's {@code Jsonb} still writes request bodies and binds
 * {@link RawRequest#as}): JSON-B leaves conversions to the provider, and Yasson 3.0.4 reads {@code
 * 7} into a {@code String} as {@code "7"}, {@code "yes"} into a {@code boolean} as false, {@code
 * 1.5} into a {@code Long} as 1, {@code [1]} into a {@code Map} as {@code {null=1}}, and fails on
 * {@code null} for a {@code boolean} with "Internal error"; its messages differ by provider, and
 * their causes may quote the value. Clerk's answers are checked strictly, with the field named in
 * the message and nothing of its value, whichever JSON-B provider the application server brings.
 * And the JSON is already parsed (JSON-P) to tell a page from an object and Clerk's errors from
 * answers; binding it again through JSON-B would parse it twice.
 *
 * <p>Immutable and thread-safe; build one per record type, once.
 *
 * @param <R> the record
 */
final class RecordReader<R extends Record> implements Function<JsonObject, R> {
  /** Reads the member {@code name} of {@code o}; null for none. */
  @FunctionalInterface
  interface Member {
    @Nullable Object read(JsonObject o, String name);
  }

  /** A {@code String} that must be present: the id of every object, for one. */
  static final Member REQUIRED = JsonValues::requiredString;

  /** A map that Clerk sends as null when there is none (claims, actor), kept apart from empty. */
  static final Member NULLABLE_MAP = JsonValues::nullableMap;

  private final Constructor<R> constructor;
  private final String[] names;
  private final Member[] members;

  private RecordReader(Constructor<R> constructor, String[] names, Member[] members) {
    this.constructor = constructor;
    this.names = names;
    this.members = members;
  }

  /**
   * {@return a reader of {@code type}}
   *
   * @param type the record
   * @param special members read otherwise than by their type, by component name
   * @throws IllegalArgumentException naming the component when a name in {@code special} is not one
   *     or a component has a type this reader does not know
   */
  static <R extends Record> RecordReader<R> of(Class<R> type, Map<String, Member> special) {
    RecordComponent[] components = type.getRecordComponents();
    Map<String, Member> unused = new HashMap<>(special);
    String[] names = new String[components.length];
    Member[] members = new Member[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      names[i] = snakeCase(c.getName());
      Member m = unused.remove(c.getName());
      members[i] = m != null ? m : byType(type, c);
      types[i] = c.getType();
    }
    if (!unused.isEmpty()) {
      throw new IllegalArgumentException(
          type.getSimpleName() + " has no component " + unused.keySet());
    }
    try {
      return new RecordReader<>(type.getDeclaredConstructor(types), names, members);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(type.getSimpleName() + " has no canonical constructor", e);
    }
  }

  /**
   * {@return a {@code String} member that reads as {@code value} when absent or null}
   *
   * @param value the default
   */
  static Member orDefault(String value) {
    return (o, name) -> {
      String s = JsonValues.string(o, name);
      return s != null ? s : value;
    };
  }

  /**
   * {@return a nested object member; absent or null reads as null}
   *
   * @param reader reads the object
   */
  static Member object(Function<JsonObject, ?> reader) {
    return (o, name) -> {
      JsonObject v = JsonValues.object(o, name);
      return v == null ? null : reader.apply(v);
    };
  }

  /**
   * {@return an array-of-objects member; absent or null reads as empty}
   *
   * @param reader reads each object
   */
  static Member objects(Function<JsonObject, ?> reader) {
    return (o, name) -> {
      List<Object> out = new ArrayList<>();
      for (JsonValue v : JsonValues.array(o, name)) {
        if (!(v instanceof JsonObject item)) {
          throw new MalformedJsonException("field \"" + name + "\" holds a non-object");
        }
        out.add(reader.apply(item));
      }
      return out;
    };
  }

  private static Member byType(Class<?> record, RecordComponent c) {
    Class<?> t = c.getType();
    if (t == String.class) {
      return JsonValues::string;
    }
    if (t == boolean.class) {
      return JsonValues::bool;
    }
    if (t == long.class) {
      return (o, name) -> {
        Long n = JsonValues.longValue(o, name);
        return n != null ? n : 0L;
      };
    }
    if (t == Long.class) {
      return JsonValues::longValue;
    }
    if (t == Instant.class) {
      return JsonValues::instant;
    }
    if (t == Map.class) {
      return JsonValues::map;
    }
    if (t == List.class
        && c.getGenericType() instanceof ParameterizedType p
        && p.getActualTypeArguments()[0] == (Type) String.class) {
      return JsonValues::strings;
    }
    throw new IllegalArgumentException(
        record.getSimpleName()
            + "."
            + c.getName()
            + " has the type "
            + c.getGenericType()
            + ", which is read only by a special member");
  }

  /**
   * JSON-B's {@code LOWER_CASE_WITH_UNDERSCORES}: {@code lastSignInAt} → {@code last_sign_in_at}.
   */
  static String snakeCase(String name) {
    StringBuilder b = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (Character.isUpperCase(ch)) {
        b.append('_').append(Character.toLowerCase(ch));
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }

  /**
   * {@return the record read from {@code o}}
   *
   * @throws MalformedJsonException naming the first member, in the record's order, that is absent
   *     but required or of the wrong kind
   */
  @Override
  public R apply(JsonObject o) {
    @Nullable Object[] args = new Object[members.length];
    for (int i = 0; i < members.length; i++) {
      args[i] = members[i].read(o, names[i]);
    }
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(
          constructor.getDeclaringClass().getSimpleName() + " failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      // The canonical constructor of a public record of this package: not reachable.
      throw new IllegalStateException(
          constructor.getDeclaringClass().getSimpleName() + " failed", e);
    }
  }

  @Override
  public String toString() {
    return "RecordReader{" + constructor.getDeclaringClass().getSimpleName() + "}";
  }
}
