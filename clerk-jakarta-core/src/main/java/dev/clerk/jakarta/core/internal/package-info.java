/** Internals shared by the core packages and the adapters; not API, may change in any release. */
@NullMarked
package dev.clerk.jakarta.core.internal;

import org.jspecify.annotations.NullMarked;
