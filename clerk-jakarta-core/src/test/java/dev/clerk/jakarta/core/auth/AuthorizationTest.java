package dev.clerk.jakarta.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AuthorizationTest {
  @Test
  void andWhenDifferentDimensionsThenCombined() {
    Authorization a =
        Authorization.role("org:admin")
            .and(Authorization.permission("org:x:read"))
            .and(Authorization.feature("u:export"))
            .and(Authorization.plan("o:pro"))
            .and(Authorization.reverification(Reverification.STRICT));
    assertEquals("org:admin", a.role());
    assertEquals("org:x:read", a.permission());
    assertEquals("u:export", a.feature());
    assertEquals("o:pro", a.plan());
    assertEquals(Reverification.STRICT, a.reverification());
    assertEquals(
        "Authorization{role=org:admin permission=org:x:read feature=u:export plan=o:pro"
            + " reverification=Reverification[level=SECOND_FACTOR, afterMinutes=10]}",
        a.toString());
  }

  @Test
  void andWhenSameDimensionTwiceThenFails() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Authorization.role("a").and(Authorization.role("b")));
    assertEquals("role is asked twice", e.getMessage());
  }

  @Test
  void factoriesWhenNullThenNpeNamingTheArgument() {
    assertEquals(
        "role == null",
        assertThrows(NullPointerException.class, () -> Authorization.role(nothing())).getMessage());
    assertEquals(
        "permission == null",
        assertThrows(NullPointerException.class, () -> Authorization.permission(nothing()))
            .getMessage());
  }

  @Test
  void equalsWhenSameChecksThenEqual() {
    assertEquals(Authorization.role("admin"), Authorization.role("admin"));
    assertEquals(Authorization.role("admin").hashCode(), Authorization.role("admin").hashCode());
    assertNotEquals(Authorization.role("admin"), Authorization.permission("admin"));
    assertNull(Authorization.role("admin").plan());
  }

  @Test
  void presetWhenClerkNamesThenTheirValues() {
    assertEquals(
        new Reverification(Reverification.Level.MULTI_FACTOR, 10),
        Reverification.preset("strict_mfa"));
    assertEquals(
        new Reverification(Reverification.Level.SECOND_FACTOR, 10),
        Reverification.preset("STRICT"));
    assertEquals(
        new Reverification(Reverification.Level.SECOND_FACTOR, 60),
        Reverification.preset("moderate"));
    assertEquals(
        new Reverification(Reverification.Level.SECOND_FACTOR, 1440), Reverification.preset("lax"));
    assertNull(Reverification.preset("loose"));
    assertEquals(
        "afterMinutes must be positive, got 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> new Reverification(Reverification.Level.FIRST_FACTOR, 0))
            .getMessage());
  }

  @SuppressWarnings("null")
  private static String nothing() {
    return null;
  }
}
