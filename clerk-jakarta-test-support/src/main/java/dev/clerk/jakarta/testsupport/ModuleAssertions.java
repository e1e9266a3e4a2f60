package dev.clerk.jakarta.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Assertions on a module's descriptor, for the modules' {@code ModuleDescriptorTest}s: exactly
 * these packages exported, contained, opened, none of them only to some modules (a qualified export
 * or opening shows as {@code "package to [targets]"}, so it never equals a plain package name). The
 * sets are compared sorted, so a failure lists both sides in order.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class ModuleAssertions {
  private ModuleAssertions() {}

  /**
   * Asserts that {@code module} exports exactly {@code packages}, each to every module.
   *
   * @param module the module, e.g. from {@link ModuleLayers#resolve}
   * @param packages the package names, none twice
   * @throws AssertionError if the exports differ
   * @throws IllegalArgumentException if a package is named twice
   */
  public static void assertExportsExactly(Module module, String... packages) {
    Set<String> exported =
        module.getDescriptor().exports().stream()
            .map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(Set.of(packages)), exported);
  }

  /**
   * Asserts that {@code module} contains exactly {@code packages}, exported or not.
   *
   * @param module the module
   * @param packages the package names, none twice
   * @throws AssertionError if the packages differ
   * @throws IllegalArgumentException if a package is named twice
   */
  public static void assertPackagesExactly(Module module, String... packages) {
    assertEquals(new TreeSet<>(Set.of(packages)), new TreeSet<>(module.getPackages()));
  }

  /**
   * Asserts that {@code module} opens exactly {@code packages}, each to every module; with none,
   * that it opens nothing.
   *
   * @param module the module
   * @param packages the package names, none twice
   * @throws AssertionError if the opened packages differ
   * @throws IllegalArgumentException if a package is named twice
   */
  public static void assertOpensExactly(Module module, String... packages) {
    Set<String> opened =
        module.getDescriptor().opens().stream()
            .map(o -> o.source() + (o.isQualified() ? " to " + o.targets() : ""))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(Set.of(packages)), opened);
  }
}
