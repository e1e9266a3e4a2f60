package dev.clerk.jakarta.examples.springboot;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.ClerkOptions;
import dev.clerk.jakarta.core.ClerkSetting;
import dev.clerk.jakarta.filter.ClerkFilter;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Clerk in a Spring Boot application: one {@link Clerk} bean, and {@link ClerkFilter} registered
 * around it for every request and dispatcher type, as {@code web.xml} registers it in a WAR.
 */
@Configuration(proxyBeanMethods = false)
public class ClerkConfiguration implements WebMvcConfigurer {
  /**
   * The application's one {@link Clerk}, configured from Spring properties named {@code clerk.} and
   * the setting's init-param name ({@code clerk.secret-key}, {@code clerk.publishable-key}, {@code
   * clerk.api-url} …: {@code application.properties}, command line, or their environment variable
   * form {@code CLERK_SECRET_KEY} …), then from the {@code CLERK_*} environment variables and
   * system properties. A missing or malformed key fails the start with a message naming the
   * setting.
   *
   * <p>Spring infers the destroy method of a {@code @Bean}: when {@code Clerk} has a public {@code
   * close()} (it is {@code AutoCloseable}), Spring calls it once, when the application stops. The
   * filter does not close a {@code Clerk} it was given, so this bean has exactly one owner.
   *
   * @param environment Spring's properties
   * @return the Clerk
   */
  @Bean
  public Clerk clerk(Environment environment) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (ClerkSetting setting : ClerkSetting.values()) {
      String value = environment.getProperty("clerk." + setting.initParam());
      if (value != null) {
        settings.put(setting.initParam(), value);
      }
    }
    return Clerk.create(ClerkOptions.fromMap(settings));
  }

  /**
   * {@link ClerkFilter} around the {@link Clerk} bean, for {@code /*}, every dispatcher type, async
   * supported, ahead of Spring's own filters: {@code /api/*} needs a signed-in request except
   * {@code /api/health}, and {@code /admin/*} the organization role {@code org:admin}.
   *
   * @param clerk the Clerk bean
   * @return the registration
   */
  @Bean
  public FilterRegistrationBean<ClerkFilter> clerkFilter(Clerk clerk) {
    FilterRegistrationBean<ClerkFilter> registration =
        new FilterRegistrationBean<>(new ClerkFilter(clerk));
    registration.setName("ClerkFilter");
    registration.setUrlPatterns(List.of("/*"));
    registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
    registration.setAsyncSupported(true);
    registration.setOrder(0);
    registration.addInitParameter(ClerkFilter.PROTECT_PARAM, "/api/*, /admin/*=org:admin");
    registration.addInitParameter(ClerkFilter.PUBLIC_PARAM, "/api/health");
    return registration;
  }

  /** Lets controller methods take a {@link dev.clerk.jakarta.core.auth.ClerkAuth} parameter. */
  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new ClerkAuthArgumentResolver());
  }
}
