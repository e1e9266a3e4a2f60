/**
 * JSON-P helpers that read Clerk's snake_case objects into plain Java values; start with {@link
 * dev.clerk.jakarta.core.internal.json.JsonValues}. Not API; may change in any release.
 */
@NullMarked
package dev.clerk.jakarta.core.internal.json;

import org.jspecify.annotations.NullMarked;
