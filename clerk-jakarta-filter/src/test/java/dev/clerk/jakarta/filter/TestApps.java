package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.testing.FakeClerk;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes exploded test web applications under {@code target/test-apps} from {@code web.xml}
 * templates.
 */
final class TestApps {
  private TestApps() {}

  /**
   * {@return the application's directory}
   *
   * @param template class-path resource of the {@code web.xml}, with {@code @CLERK_PARAMS@} where
   *     the filter's Clerk init-params go
   * @param fake the Clerk the filter talks to
   * @param extraParams further init-params (XML)
   * @param files further files of the application, relative path to content
   */
  static Path write(
      String template, FakeClerk fake, String extraParams, Map<String, String> files) {
    return write(template, fake, extraParams, files, Map.of());
  }

  /**
   * {@return the application's directory}, as {@link #write(String, FakeClerk, String, Map)} with
   * further placeholders of the template replaced
   *
   * @param template class-path resource of the {@code web.xml}
   * @param fake the Clerk the filter talks to
   * @param extraParams further init-params (XML)
   * @param files further files of the application, relative path to content
   * @param replacements placeholder to text
   */
  static Path write(
      String template,
      FakeClerk fake,
      String extraParams,
      Map<String, String> files,
      Map<String, String> replacements) {
    try {
      String xml;
      try (InputStream in = TestApps.class.getResourceAsStream(template)) {
        if (in == null) {
          throw new IllegalArgumentException("no resource " + template);
        }
        xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      String params =
          param("secret-key", fake.secretKey())
              + param("publishable-key", fake.publishableKey())
              + param("api-url", fake.apiUrl())
              + extraParams;
      Path dir =
          Files.createTempDirectory(
              Files.createDirectories(Path.of("target", "test-apps").toAbsolutePath()),
              "clerk-filter-app");
      Files.createDirectories(dir.resolve("WEB-INF"));
      xml = xml.replace("@CLERK_PARAMS@", params);
      for (Map.Entry<String, String> r : replacements.entrySet()) {
        xml = xml.replace(r.getKey(), r.getValue());
      }
      Files.writeString(dir.resolve("WEB-INF/web.xml"), xml);
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path file = dir.resolve(f.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, f.getValue());
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String param(String name, String value) {
    return "<init-param><param-name>"
        + name
        + "</param-name><param-value>"
        + value
        + "</param-value></init-param>";
  }
}
