package dev.clerk.jakarta.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * This library's version, for the {@code User-Agent} header: read from a resource that Maven
 * filters at build time, else from the jar manifest, else {@code "dev"}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
final class LibraryVersion {
  private static final String VERSION = load();

  private LibraryVersion() {}

  /** {@return the version, e.g. {@code 0.1.0}, or {@code dev} when unknown} */
  static String get() {
    return VERSION;
  }

  /** {@return the product token {@code clerk-jakarta/<version>}} */
  static String userAgent() {
    return "clerk-jakarta/" + VERSION;
  }

  private static String load() {
    try (InputStream in =
        LibraryVersion.class.getResourceAsStream("clerk-jakarta-version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version", "").trim();
        // An unfiltered resource (IDE build) still holds the Maven placeholder.
        if (!v.isEmpty() && !v.contains("${")) {
          return v;
        }
      }
    } catch (IOException e) {
      // Fall through to the manifest: the version is informative only.
      System.getLogger(LibraryVersion.class.getName())
          .log(System.Logger.Level.DEBUG, "cannot read version resource", e);
    }
    String manifest = LibraryVersion.class.getPackage().getImplementationVersion();
    return manifest != null && !manifest.isBlank() ? manifest.trim() : "dev";
  }
}
