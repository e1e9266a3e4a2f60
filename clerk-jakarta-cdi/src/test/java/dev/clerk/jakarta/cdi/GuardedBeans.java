package dev.clerk.jakarta.cdi;

import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import org.jspecify.annotations.Nullable;

/** Beans with Clerk annotations, for the Weld SE tests. */
final class GuardedBeans {
  private GuardedBeans() {}

  /** One method per annotation, and one without. */
  @ApplicationScoped
  static class Methods {
    @RequireSignIn
    public String signIn() {
      return "signIn";
    }

    @RequireRole("org:admin")
    public String admin() {
      return "admin";
    }

    @RequirePermission("org:invoices:read")
    public String invoices() {
      return "invoices";
    }

    @RequireFeature("export")
    public String export() {
      return "export";
    }

    @RequirePlan("pro")
    public String pro() {
      return "pro";
    }

    @RequireReverification("strict")
    public String reverified() {
      return "reverified";
    }

    @RequireReverification(
        level = dev.clerk.jakarta.core.auth.Reverification.Level.SECOND_FACTOR,
        afterMinutes = 5)
    public String reverifiedWithin5() {
      return "reverifiedWithin5";
    }

    public String open() {
      return "open";
    }
  }

  /** A class requirement, and a method requirement on top of it. */
  @ApplicationScoped
  @RequireRole("org:admin")
  static class AdminClass {
    public String read() {
      return "read";
    }

    @RequirePermission("org:invoices:write")
    public String write() {
      return "write";
    }

    @RequireRole("org:member")
    public String member() {
      return "member";
    }
  }

  /** Inherits its superclass's class requirement. */
  @ApplicationScoped
  @RequirePermission("org:invoices:read")
  @Typed(InheritingClass.class)
  static class InheritingClass extends AdminClass {}

  /** Annotation values that cannot be read. */
  @ApplicationScoped
  static class Invalid {
    @RequireRole(" ")
    public String blankRole() {
      return "never";
    }

    @RequireReverification(value = "strict", afterMinutes = 5)
    public String both() {
      return "never";
    }
  }

  /**
   * The request's identity, set by a test (its Auth from a real Clerk verifying FakeClerk's
   * tokens): replaces {@link ClerkProducers#clerkAuth} where no HTTP request exists (Weld SE).
   */
  @Alternative
  @Priority(1)
  @ApplicationScoped
  static class Identity {
    private volatile @Nullable Auth auth;

    void set(@Nullable Auth auth) {
      this.auth = auth;
    }

    @Produces
    @RequestScoped
    ClerkAuth clerkAuth() {
      return ClerkAuth.of(auth);
    }
  }
}
