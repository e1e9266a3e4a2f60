package dev.clerk.jakarta.examples.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The two WARs the build makes: {@code clerk-servlet-example.war} for servlet containers carries
 * JSON-B and JSON-P with their providers (Yasson, Parsson); {@code clerk-servlet-example-ee.war}
 * for full Jakarta EE servers carries neither, so that the server's own are the only ones
 * (design.md §2).
 */
class ExampleWarsIT {
  /** The JSON-B/JSON-P APIs and providers: what a full Jakarta EE server brings itself. */
  private static final List<String> JSON =
      List.of("jakarta.json-api-", "jakarta.json.bind-api-", "parsson-", "yasson-");

  private static Set<String> libs(Path war) throws IOException {
    try (ZipFile zip = new ZipFile(war.toFile())) {
      return zip.stream()
          .map(ZipEntry::getName)
          .filter(n -> n.startsWith("WEB-INF/lib/") && n.endsWith(".jar"))
          .map(n -> n.substring("WEB-INF/lib/".length()))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static boolean isJson(String jar) {
    return JSON.stream().anyMatch(jar::startsWith);
  }

  @Test
  void servletContainerWarWhenBuiltThenCarriesJsonbJsonpAndTheirProviders() throws IOException {
    Set<String> libs = libs(ServletWarContract.existingFile("example.war"));
    for (String prefix : JSON) {
      assertEquals(
          1, libs.stream().filter(j -> j.startsWith(prefix)).count(), prefix + " in " + libs);
    }
  }

  @Test
  void fullServerWarWhenBuiltThenCarriesTheSameLibrariesButNoJsonbOrJsonp() throws IOException {
    Set<String> plain = libs(ServletWarContract.existingFile("example.war"));
    Set<String> ee = libs(ServletWarContract.existingFile("example.ee.war"));
    Set<String> expected =
        plain.stream().filter(j -> !isJson(j)).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, ee);
    assertTrue(ee.stream().anyMatch(j -> j.startsWith("clerk-jakarta-filter-")), ee.toString());
  }
}
