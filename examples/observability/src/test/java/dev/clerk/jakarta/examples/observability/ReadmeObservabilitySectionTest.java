package dev.clerk.jakarta.examples.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's "Observability" section shows {@link ClerkMetrics} as this example compiles it. */
class ReadmeObservabilitySectionTest {
  /** This module sits two levels below the repository root. */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

  @Test
  void readmeWhenObservabilitySectionThenItsJavaBlockIsClerkMetricsFromItsImportsOn()
      throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int section = readme.indexOf("\n## Observability\n");
    assertTrue(section >= 0, "README has no \"## Observability\" section");
    int start = readme.indexOf("```java\n", section) + "```java\n".length();
    String block = readme.substring(start, readme.indexOf("```", start));
    String source =
        Files.readString(
            ROOT.resolve(
                "examples/observability/src/main/java/dev/clerk/jakarta/examples/observability/ClerkMetrics.java"));

    assertEquals(lines(source.substring(source.indexOf("import "))), lines(block));
  }

  private static List<String> lines(String text) {
    return text.lines().toList();
  }
}
