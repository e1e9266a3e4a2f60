package dev.clerk.jakarta.core;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * MicroProfile Config as the last source of settings, when the application has it (an application
 * server, SmallRye Config on the class path): read by reflection, so that it is never a dependency.
 * A setting is looked up under its system property name ({@link ClerkSetting#systemProperty()},
 * e.g. {@code clerk.secretKey}). Stateless; thread-safe.
 */
final class MicroProfileConfig {
  private static final System.Logger LOG = System.getLogger(MicroProfileConfig.class.getName());
  private static final String PROVIDER = "org.eclipse.microprofile.config.ConfigProvider";
  private static final String CONFIG = "org.eclipse.microprofile.config.Config";

  private MicroProfileConfig() {}

  /**
   * {@return {@code systemProperties} with, for every setting none of them gives, the value
   * MicroProfile Config gives under the setting's system property name} A copy when any was added;
   * {@code systemProperties} itself without MicroProfile Config.
   *
   * @param systemProperties the system properties
   */
  static Properties under(Properties systemProperties) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = MicroProfileConfig.class.getClassLoader();
    }
    Object config;
    Method get;
    try {
      Class<?> provider = Class.forName(PROVIDER, true, loader);
      config = provider.getMethod("getConfig", ClassLoader.class).invoke(null, loader);
      get =
          Class.forName(CONFIG, true, loader)
              .getMethod("getOptionalValue", String.class, Class.class);
    } catch (ClassNotFoundException e) {
      return systemProperties; // no MicroProfile Config: the usual case outside application servers
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      // The API without an implementation (ConfigProviderResolver finds none), or an unusable one.
      LOG.log(Level.DEBUG, "MicroProfile Config not usable, not read: {0}", describe(e));
      return systemProperties;
    }
    Properties merged = null;
    for (ClerkSetting s : ClerkSetting.values()) {
      String name = s.systemProperty();
      if (!isBlank(systemProperties.getProperty(name))) {
        continue;
      }
      String value = value(config, get, name);
      if (!isBlank(value)) {
        if (merged == null) {
          merged = new Properties();
          merged.putAll(systemProperties);
        }
        merged.setProperty(name, value);
      }
    }
    return merged == null ? systemProperties : merged;
  }

  private static @Nullable String value(Object config, Method get, String name) {
    try {
      return get.invoke(config, name, String.class) instanceof Optional<?> o
              && o.orElse(null) instanceof String v
          ? v
          : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Never the value: only which key and why.
      LOG.log(Level.DEBUG, "MicroProfile Config key {0} not readable: {1}", name, describe(e));
      return null;
    }
  }

  private static String describe(Throwable e) {
    Throwable t =
        e instanceof InvocationTargetException i && i.getCause() != null ? i.getCause() : e;
    return t.getClass().getName();
  }

  private static boolean isBlank(@Nullable String s) {
    return s == null || s.isBlank();
  }
}
