package dev.clerk.jakarta.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * The version in the {@code User-Agent} of every call to Clerk (moved here from {@code
 * BackendApiTest}).
 */
class LibraryVersionTest {
  @Test
  void libraryVersionWhenBuiltByMavenThenProjectVersion() {
    assertNotEquals("dev", LibraryVersion.get());
    assertFalse(LibraryVersion.get().contains("${"));
  }

  @Test
  void userAgentWhenBuiltThenProductTokenWithTheVersion() {
    assertEquals("clerk-jakarta/" + LibraryVersion.get(), ClerkHttpHeaders.USER_AGENT);
  }
}
