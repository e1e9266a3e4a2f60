package dev.clerk.jakarta.examples.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's "Container-managed security" section shows what this example deploys: its {@code
 * web.xml} and {@code glassfish-web.xml} snippets are lines of the example's files, its CLI script
 * is the one the WildFly test runs.
 */
class ReadmeSecuritySectionTest {
  /** This module sits two levels below the repository root. */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

  private static final Path WEB_INF = Path.of("src/main/webapp/WEB-INF");

  private static List<String> blocks(String fence) throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int section = readme.indexOf("\n## Container-managed security\n");
    assertTrue(section >= 0, "README has no \"## Container-managed security\" section");
    int end = readme.indexOf("\n## ", section + 1);
    String text = readme.substring(section, end < 0 ? readme.length() : end);
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    boolean wanted = false;
    for (String line : text.lines().toList()) {
      if (block == null && line.startsWith("```")) {
        block = new StringBuilder();
        wanted = line.substring(3).equals(fence);
      } else if (block != null && line.equals("```")) {
        if (wanted) {
          blocks.add(block.toString());
        }
        block = null;
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    return blocks;
  }

  private static List<String> missing(String block, Path file) throws IOException {
    Set<String> lines =
        Files.readAllLines(file).stream().map(String::strip).collect(Collectors.toSet());
    return block
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !lines.contains(l))
        .toList();
  }

  @Test
  void readmeWhenSecuritySectionThenXmlSnippetsAreTheExamplesFiles() throws IOException {
    List<String> xml = blocks("xml");
    assertEquals(3, xml.size(), xml.toString());
    assertTrue(xml.get(0).contains("<artifactId>clerk-jakarta-security</artifactId>"), xml.get(0));
    assertEquals(List.of(), missing(xml.get(1), WEB_INF.resolve("web.xml")));
    assertEquals(List.of(), missing(xml.get(2), WEB_INF.resolve("glassfish-web.xml")));
  }

  @Test
  void readmeWhenSecuritySectionThenCliScriptIsTheOneTheWildFlyTestRuns() throws IOException {
    List<String> cli = blocks("");
    assertEquals(1, cli.size(), cli.toString());
    List<String> script =
        Files.readAllLines(Path.of("src/main/wildfly/clerk-security.cli")).stream()
            .filter(l -> !l.isBlank() && !l.startsWith("#"))
            .toList();
    assertEquals(script, cli.get(0).lines().toList());
  }
}
