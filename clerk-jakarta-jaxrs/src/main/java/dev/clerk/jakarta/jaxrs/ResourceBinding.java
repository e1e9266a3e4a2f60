package dev.clerk.jakarta.jaxrs;

import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * One resource method as {@link ClerkDynamicFeature} saw it at deployment, shared by the filters
 * bound to it. Immutable.
 *
 * @param method the resource method, or null when the runtime did not say
 * @param type the resource class, or null when the runtime did not say
 * @param rules the rules of the method and its class's hierarchy (validated at deployment)
 * @param generated the runtime generated the handler (no request method designator anywhere, as
 *     Jersey's automatic {@code OPTIONS} answer): it has no annotations of its own
 */
record ResourceBinding(
    @Nullable Method method, @Nullable Class<?> type, Rules rules, boolean generated) {
  @Override
  public String toString() {
    return (type == null ? "?" : type.getName()) + "#" + (method == null ? "?" : method.getName());
  }
}
