package dev.clerk.jakarta.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring Boot example application: Spring MVC on Boot's embedded Tomcat, protected by {@link
 * ClerkConfiguration}. Run it with the {@code CLERK_*} environment variables (or {@code clerk.*}
 * properties) of your Clerk instance.
 */
@SpringBootApplication
public class ExampleApplication {
  /**
   * Starts the application.
   *
   * @param args Spring Boot's command-line arguments ({@code --server.port=8081}, {@code
   *     --clerk.publishable-key=…})
   */
  public static void main(String[] args) {
    SpringApplication.run(ExampleApplication.class, args);
  }
}
