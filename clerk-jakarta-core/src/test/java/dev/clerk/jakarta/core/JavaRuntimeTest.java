package dev.clerk.jakarta.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The tests run on the Java version their surefire execution names in {@code clerk.test.java}: the
 * build's own ({@code java.specification.version} of Maven's JVM), or 25 in the {@code java25}
 * profile's execution, forked on another JDK.
 */
class JavaRuntimeTest {
  @Test
  void javaWhenTestsForkThenRunOnTheVersionTheirExecutionNames() {
    String expected = System.getProperty("clerk.test.java");
    assertEquals(
        expected,
        String.valueOf(Runtime.version().feature()),
        () ->
            "clerk.test.java="
                + expected
                + ", running on "
                + System.getProperty("java.vm.version"));
  }
}
