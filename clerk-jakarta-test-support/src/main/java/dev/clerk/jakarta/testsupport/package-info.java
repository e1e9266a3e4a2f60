/**
 * Internal test support for clerk-jakarta's own tests, never published and not in {@code
 * clerk-jakarta-bom}: {@link dev.clerk.jakarta.testsupport.ModuleLayers} resolves a built module on
 * the module path, {@link dev.clerk.jakarta.testsupport.ModuleAssertions} checks what it exports,
 * contains and opens, and {@link dev.clerk.jakarta.testsupport.OversizedPost} sends a whole request
 * body over a raw socket before it reads the answer. Each module depends on it in {@code test}
 * scope; it depends on nothing but the JDK and JUnit's API.
 */
@NullMarked
package dev.clerk.jakarta.testsupport;

import org.jspecify.annotations.NullMarked;
