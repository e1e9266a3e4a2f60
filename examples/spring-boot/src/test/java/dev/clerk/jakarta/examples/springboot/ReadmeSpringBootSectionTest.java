package dev.clerk.jakarta.examples.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's "Spring Boot" section shows the registration code that this example runs. */
class ReadmeSpringBootSectionTest {
  /**
   * Both Spring Boot modules sit two levels below the repository root and compile these sources.
   */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

  @Test
  void readmeWhenSpringBootSectionThenItsRegistrationCodeIsClerkConfigurations()
      throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int section = readme.indexOf("\n## Spring Boot\n");
    assertTrue(section >= 0, "README has no \"## Spring Boot\" section");
    int start = readme.indexOf("```java\n", section) + "```java\n".length();
    String block = readme.substring(start, readme.indexOf("```", start));
    Set<String> source =
        Files.readAllLines(
                ROOT.resolve(
                    "examples/spring-boot/src/main/java/dev/clerk/jakarta/examples/springboot/ClerkConfiguration.java"))
            .stream()
            .map(String::strip)
            .collect(Collectors.toSet());
    List<String> missing =
        block
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("//") && !source.contains(l))
            // The README's class is a shortened ClerkConfiguration (no argument resolver).
            .filter(l -> !l.equals("public class ClerkConfiguration {"))
            .toList();
    assertEquals(List.of(), missing);
  }
}
