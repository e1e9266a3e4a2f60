package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.ClerkSetting;
import dev.clerk.jakarta.testing.FakeClerk;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ClerkFilterTest {
  /** A ServletContext that only keeps attributes; everything else is unsupported. */
  private static ServletContext context(Map<String, Object> attributes) {
    return (ServletContext)
        Proxy.newProxyInstance(
            ClerkFilterTest.class.getClassLoader(),
            new Class<?>[] {ServletContext.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getAttribute" -> attributes.get((String) args[0]);
                  case "setAttribute" -> attributes.put((String) args[0], args[1]);
                  case "removeAttribute" -> attributes.remove((String) args[0]);
                  case "toString" -> "test-context";
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static FilterConfig config(ServletContext ctx, Map<String, String> params) {
    return new FilterConfig() {
      @Override
      public String getFilterName() {
        return "clerk";
      }

      @Override
      public ServletContext getServletContext() {
        return ctx;
      }

      @Override
      public String getInitParameter(String name) {
        return params.get(name);
      }

      @Override
      public java.util.Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(params.keySet());
      }
    };
  }

  @Test
  void paramConstantsWhenComparedWithClerkSettingThenOnePerSetting() throws IllegalAccessException {
    Set<String> constants = new TreeSet<>();
    for (Field f : ClerkFilter.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getName().endsWith("_PARAM")) {
        String value = (String) f.get(null);
        constants.add(value);
        String setting = f.getName().substring(0, f.getName().length() - "_PARAM".length());
        if (!value.equals("protect") && !value.equals("public")) {
          assertEquals(ClerkSetting.valueOf(setting).initParam(), value, f.getName());
        }
      }
    }
    Set<String> expected = new TreeSet<>(Set.of("protect", "public"));
    for (ClerkSetting s : ClerkSetting.values()) {
      expected.add(s.initParam());
    }
    assertEquals(expected, constants);
  }

  @Test
  void initWhenInitParamsNameKeysThenCreatesAndSharesClerk() throws ServletException {
    try (FakeClerk fake = FakeClerk.start()) {
      Map<String, Object> attrs = new ConcurrentHashMap<>();
      ClerkFilter f = new ClerkFilter();
      f.init(
          config(
              context(attrs),
              Map.of(
                  "secret-key",
                  fake.secretKey(),
                  "publishable-key",
                  fake.publishableKey(),
                  "api-url",
                  fake.apiUrl(),
                  "protect",
                  "/api/*")));
      assertSame(f.clerk(), attrs.get(Clerk.CONTEXT_ATTRIBUTE));
      assertEquals(fake.apiUrl(), f.clerk().options().apiUrl());
      f.destroy();
      assertNull(attrs.get(Clerk.CONTEXT_ATTRIBUTE));
    }
  }

  @Test
  void initWhenClerkAlreadyInContextThenReusesIt() throws ServletException {
    try (FakeClerk fake = FakeClerk.start()) {
      Clerk existing =
          Clerk.builder().secretKey(fake.secretKey()).publishableKey(fake.publishableKey()).build();
      Map<String, Object> attrs =
          new ConcurrentHashMap<>(Map.of(Clerk.CONTEXT_ATTRIBUTE, existing));
      ClerkFilter f = new ClerkFilter();
      f.init(config(context(attrs), Map.of()));
      assertSame(existing, f.clerk());
      f.destroy();
      assertSame(existing, attrs.get(Clerk.CONTEXT_ATTRIBUTE));
    }
  }

  @Test
  void initWhenGivenClerkThenSetsContextAttribute() throws ServletException {
    try (FakeClerk fake = FakeClerk.start()) {
      Clerk clerk =
          Clerk.builder().secretKey(fake.secretKey()).publishableKey(fake.publishableKey()).build();
      Map<String, Object> attrs = new ConcurrentHashMap<>();
      ClerkFilter f = new ClerkFilter(clerk);
      f.init(config(context(attrs), Map.of("protect", "/api/*")));
      assertSame(clerk, attrs.get(Clerk.CONTEXT_ATTRIBUTE));
      assertSame(clerk, f.clerk());
    }
  }

  @Test
  void initWhenGivenClerkAndKeyInitParamThenFails() {
    try (FakeClerk fake = FakeClerk.start()) {
      Clerk clerk =
          Clerk.builder().secretKey(fake.secretKey()).publishableKey(fake.publishableKey()).build();
      ClerkFilter f = new ClerkFilter(clerk);
      ServletException e =
          assertThrows(
              ServletException.class,
              () ->
                  f.init(
                      config(
                          context(new ConcurrentHashMap<>()), Map.of("secret-key", "sk_test_x"))));
      assertEquals(
          "Clerk filter clerk was given a Clerk instance; its init-params may only be protect and public,"
              + " not [secret-key]",
          e.getMessage());
    }
  }

  @Test
  void initWhenProtectPatternInvalidThenFailsNamingIt() {
    ClerkFilter f = new ClerkFilter();
    ServletException e =
        assertThrows(
            ServletException.class,
            () -> f.init(config(context(new ConcurrentHashMap<>()), Map.of("protect", "api"))));
    assertEquals(
        "Clerk filter clerk: init-param protect: \"api\" is not a servlet url-pattern (use /exact,"
            + " /prefix/*, *.ext or /)",
        e.getMessage());
  }

  @Test
  void initWhenSettingMalformedThenFailsNamingItWithoutTheSecret() {
    ClerkFilter f = new ClerkFilter();
    ServletException e =
        assertThrows(
            ServletException.class,
            () ->
                f.init(
                    config(
                        context(new ConcurrentHashMap<>()),
                        Map.of(
                            "secret-key",
                            "sk_test_secretvalue",
                            "publishable-key",
                            "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k",
                            "clock-skew-ms",
                            "soon"))));
    assertTrue(
        e.getMessage().startsWith("Clerk filter clerk is misconfigured: clock-skew-ms: "),
        e.getMessage());
    assertTrue(!e.getMessage().contains("secretvalue"), e.getMessage());
  }

  @Test
  void clerkWhenNotInitialisedThenIllegalState() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new ClerkFilter().clerk());
    assertEquals("ClerkFilter is not initialised", e.getMessage());
  }
}
