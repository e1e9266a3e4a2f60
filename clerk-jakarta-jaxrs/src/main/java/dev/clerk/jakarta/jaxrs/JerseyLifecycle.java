package dev.clerk.jakarta.jaxrs;

import jakarta.ws.rs.core.FeatureContext;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.jersey.server.spi.Container;
import org.glassfish.jersey.server.spi.ContainerLifecycleListener;
import org.jspecify.annotations.Nullable;

/**
 * Jersey: runs an action once when Jersey shuts the application down ({@code
 * ContainerLifecycleListener.onShutdown}: undeploy, stop, and the replaced application of a
 * reload). Loaded only on Jersey ({@link #register} is called after {@link RuntimeHooks#detect}).
 * Thread-safe.
 */
final class JerseyLifecycle implements ContainerLifecycleListener {
  private final AtomicReference<@Nullable Runnable> onShutdown;

  private JerseyLifecycle(Runnable onShutdown) {
    this.onShutdown = new AtomicReference<>(onShutdown);
  }

  /**
   * Registers {@code action} for the shutdown of the application {@code context} configures.
   *
   * @return false when this Jersey has no lifecycle listener (then nothing is registered)
   */
  static boolean register(FeatureContext context, Runnable action) {
    if (!RuntimeHooks.isPresent("org.glassfish.jersey.server.spi.ContainerLifecycleListener")) {
      return false;
    }
    context.register(new JerseyLifecycle(action));
    return true;
  }

  @Override
  public void onStartup(Container container) {
    // Nothing to start: the Clerk was built when the feature configured the application.
  }

  @Override
  public void onReload(Container container) {
    // Jersey calls onShutdown of the replaced application before it reloads.
  }

  @Override
  public void onShutdown(Container container) {
    Runnable action = onShutdown.getAndSet(null);
    if (action != null) {
      action.run();
    }
  }
}
