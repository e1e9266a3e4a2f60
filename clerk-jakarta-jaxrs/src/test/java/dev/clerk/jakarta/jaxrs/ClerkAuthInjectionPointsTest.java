package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.clerk.jakarta.core.auth.ClerkAuth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import org.junit.jupiter.api.Test;

class ClerkAuthInjectionPointsTest {
  public static class Parameter {
    @GET
    public String get(@Context SecurityContext security, @Context ClerkAuth auth) {
      return "";
    }
  }

  public interface Api {
    @GET
    String get(@Context ClerkAuth auth);
  }

  public static class Implementation implements Api {
    @Override
    public String get(ClerkAuth auth) {
      return "";
    }
  }

  public static class Locator {
    @GET
    public String get() {
      return "";
    }

    @Path("sub")
    public Object sub(@Context ClerkAuth auth) {
      return this;
    }
  }

  public static class Constructed {
    public Constructed(@Context ClerkAuth auth) {}

    @GET
    public String get() {
      return "";
    }
  }

  public static class Base {
    @Context ClerkAuth auth;
  }

  public static class Field extends Base {
    @GET
    public String get() {
      return "";
    }
  }

  public static class Setter {
    @Context
    public void setAuth(ClerkAuth auth) {}

    @GET
    public String get() {
      return "";
    }
  }

  public static class Without {
    ClerkAuth notInjected;

    @GET
    public String get(@Context SecurityContext security, ClerkAuth entity) {
      return "";
    }
  }

  private static String find(Class<?> type, Class<?>... parameters) throws NoSuchMethodException {
    return ClerkAuthInjectionPoints.find(type.getMethod("get", parameters), type);
  }

  @Test
  void findWhenMethodParameterThenNamesIt() throws Exception {
    assertEquals(
        "dev.clerk.jakarta.jaxrs.ClerkAuthInjectionPointsTest$Parameter#get parameter 2",
        find(Parameter.class, SecurityContext.class, ClerkAuth.class));
  }

  @Test
  void findWhenParameterAnnotatedOnTheInterfaceThenNamesThatDeclaration() throws Exception {
    assertEquals(
        "dev.clerk.jakarta.jaxrs.ClerkAuthInjectionPointsTest$Api#get parameter 1",
        find(Implementation.class, ClerkAuth.class));
  }

  @Test
  void findWhenLocatorParameterThenNamesIt() throws Exception {
    assertEquals(
        "dev.clerk.jakarta.jaxrs.ClerkAuthInjectionPointsTest$Locator#sub parameter 1",
        find(Locator.class));
  }

  @Test
  void findWhenConstructorParameterThenNamesIt() throws Exception {
    assertEquals(
        "dev.clerk.jakarta.jaxrs.ClerkAuthInjectionPointsTest$Constructed constructor parameter 1",
        find(Constructed.class));
  }

  @Test
  void findWhenFieldOfSuperclassThenNamesIt() throws Exception {
    assertEquals(
        "field dev.clerk.jakarta.jaxrs.ClerkAuthInjectionPointsTest$Base#auth", find(Field.class));
  }

  @Test
  void findWhenContextSetterThenNamesIt() throws Exception {
    assertEquals(
        "setter dev.clerk.jakarta.jaxrs.ClerkAuthInjectionPointsTest$Setter#setAuth",
        find(Setter.class));
  }

  @Test
  void findWhenClerkAuthWithoutContextThenNull() throws Exception {
    assertNull(find(Without.class, SecurityContext.class, ClerkAuth.class));
  }
}
