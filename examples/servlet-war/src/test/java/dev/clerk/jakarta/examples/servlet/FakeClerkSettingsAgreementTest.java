package dev.clerk.jakarta.examples.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clerk.jakarta.core.ClerkSetting;
import dev.clerk.jakarta.testing.FakeClerk;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The testing module cannot depend on the core, so {@code FakeClerkSettings} writes the settings'
 * names itself: here, where both are on the class path, they must be {@link ClerkSetting}'s.
 */
class FakeClerkSettingsAgreementTest {
  @Test
  void settingsWhenAnyFakeClerkThenEveryNameIsClerkSettingsOwn() {
    try (FakeClerk fake = FakeClerk.start()) {
      List<String> initParams = new ArrayList<>(fake.settings().initParams().keySet());
      List<String> expectedEnv = new ArrayList<>();
      List<String> expectedProperties = new ArrayList<>();
      for (String initParam : initParams) {
        ClerkSetting s =
            List.of(ClerkSetting.values()).stream()
                .filter(c -> c.initParam().equals(initParam))
                .findFirst()
                .orElseThrow(
                    () -> new AssertionError("no ClerkSetting has the init-param " + initParam));
        expectedEnv.add(s.envVar());
        expectedProperties.add(s.systemProperty());
      }
      assertEquals(expectedEnv, List.copyOf(fake.settings().environment().keySet()));
      assertEquals(expectedProperties, List.copyOf(fake.settings().systemProperties().keySet()));
    }
  }
}
