package dev.clerk.jakarta.examples.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's "Test your app" shows {@link MeEndpointTest} as it is, imports and all. */
class ReadmeTestYourAppSectionTest {
  /** This module sits two levels below the repository root. */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

  @Test
  void readmeWhenTestYourAppSectionThenItsFirstJavaBlockIsMeEndpointTest() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int section = readme.indexOf("\n## Test your app\n");
    assertTrue(section >= 0, "README has no \"## Test your app\" section");
    int start = readme.indexOf("```java\n", section) + "```java\n".length();
    String block = readme.substring(start, readme.indexOf("```", start));
    String source =
        Files.readString(
            ROOT.resolve(
                "examples/servlet-war/src/test/java/dev/clerk/jakarta/examples/servlet/MeEndpointTest.java"));
    // Without its package line and its one javadoc comment.
    String shown =
        source.substring(source.indexOf("\n\n") + 2).replaceFirst("(?s)/\\*\\*.*?\\*/\n", "");
    assertEquals(shown, block);
  }
}
