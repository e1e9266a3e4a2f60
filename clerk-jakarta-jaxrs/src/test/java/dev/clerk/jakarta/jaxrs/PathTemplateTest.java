package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class PathTemplateTest {
  private static PathTemplate of(String template) {
    return Objects.requireNonNull(PathTemplate.of(template), template);
  }

  @Test
  void matchesWhenLiteralThenExactlyThatPart() {
    PathTemplate t = of("/sub/");
    assertTrue(t.matches("sub"));
    assertTrue(t.matches("/sub/"));
    assertFalse(t.matches("sub/x"));
    assertFalse(t.matches("subway"));
    assertFalse(t.matches("Sub"));
  }

  @Test
  void matchesWhenVariableThenOneSegment() {
    PathTemplate t = of("l3/{id}");
    assertTrue(t.matches("l3/7"));
    assertFalse(t.matches("l3/7/8"));
    assertFalse(t.matches("l3"));
  }

  @Test
  void matchesWhenVariableWithRegexThenItsRegex() {
    PathTemplate t = of("{section: [a-z]+}-{version: [0-9]{1,3}}");
    assertTrue(t.matches("guide-2"));
    assertFalse(t.matches("guide-x"));
    assertFalse(t.matches("guide-2000"));
    assertTrue(of("{path: .+}").matches("a/b/c"));
  }

  @Test
  void matchesWhenPercentEncodedUnreservedOrMatrixParametersThenNormalized() {
    assertTrue(of("sub").matches("%73ub"));
    assertTrue(of("sub").matches("sub;x=1"));
    assertTrue(of("a b").matches("a%20b"));
    assertTrue(of("a%20b").matches("a%20b"));
    assertFalse(of("a/b").matches("a%2Fb"));
  }

  @Test
  void ofWhenUnbalancedOrInvalidRegexThenNull() {
    assertNull(PathTemplate.of("{id"));
    assertNull(PathTemplate.of("{id: [}"));
  }

  @Test
  void precedenceWhenSortedThenLiteralsThenVariablesThenOwnRegex() {
    List<PathTemplate> templates =
        new ArrayList<>(List.of(of("{any}"), of("{a}-{b}"), of("{a: [a-z]+}-{b}"), of("internal")));
    templates.sort(PathTemplate.PRECEDENCE);
    assertEquals(
        List.of(
            "\\Qinternal\\E",
            "\\Q\\E([a-z]+)\\Q-\\E([^/]+)\\Q\\E",
            "\\Q\\E([^/]+)\\Q-\\E([^/]+)\\Q\\E",
            "\\Q\\E([^/]+)\\Q\\E"),
        templates.stream().map(t -> t.pattern().pattern()).toList());
  }
}
