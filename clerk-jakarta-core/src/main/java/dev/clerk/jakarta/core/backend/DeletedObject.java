package dev.clerk.jakarta.core.backend;

import org.jspecify.annotations.Nullable;

/**
 * The answer of a delete: which object is gone.
 *
 * @param object the object type, e.g. {@code user}
 * @param id its id, or null
 * @param slug its slug (organizations), or null
 * @param deleted whether it was deleted
 * @since 0.1
 */
public record DeletedObject(
    String object, @Nullable String id, @Nullable String slug, boolean deleted) {}
