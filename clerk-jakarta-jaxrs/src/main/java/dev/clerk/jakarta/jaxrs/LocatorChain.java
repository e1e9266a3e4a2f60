package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.authz.Requirement;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The rules of a request, decided after matching from every resource on its path: the matched
 * resource method's own {@link Rules}, and those of every sub-resource locator the runtime invoked
 * to reach it (each with its class's hierarchy), however deep the chain.
 *
 * <p>Which locators: on Jersey, exactly the ones it reports ({@code
 * ExtendedUriInfo.getMatchedResourceLocators()}). Elsewhere (RESTEasy, others) from the portable
 * {@link UriInfo#getMatchedResources()} (the instance of each level) and {@link
 * UriInfo#getMatchedURIs(boolean)} (the part of the path each level consumed): at each level, the
 * locators of the enclosing class whose return type fits the next level and whose {@code @Path}
 * template matches the consumed part, by the specification's precedence; when that leaves several,
 * or the parts cannot be told apart, every remaining candidate's rules apply (fail closed: never
 * fewer requirements than the real chain). When the chain cannot be determined at all, the request
 * is refused.
 *
 * <p>Locators run during matching, before any filter: a locator's own code is not protected by
 * these rules, the resource methods it leads to are. Thread-safe; caches are bounded by the number
 * of distinct resource chains of the application.
 */
final class LocatorChain {
  private static final System.Logger LOG = System.getLogger(LocatorChain.class.getName());

  /** No chain adds entries past this (an application has a few hundred chains at most). */
  private static final int CACHE_LIMIT = 4096;

  /** Refuses everything: the chain could not be determined, or its annotations are invalid. */
  static final Rules REFUSED = new Rules(Requirement.denyAllRequests(), null, false);

  private final RuntimeHooks hooks;
  private final Map<Object, Rules> rules = new ConcurrentHashMap<>();
  private final Map<Class<?>, List<Candidate>> locators = new ConcurrentHashMap<>();
  private final Set<Object> logged = ConcurrentHashMap.newKeySet();

  LocatorChain(RuntimeHooks hooks) {
    this.hooks = hooks;
  }

  /**
   * One locator invoked on the way to the resource method.
   *
   * @param locator the locator method
   * @param type the class of the instance it was invoked on
   */
  record Step(Method locator, Class<?> type) {}

  /** A locator of a class, with its compiled template. */
  private record Candidate(Method method, @Nullable PathTemplate template) {}

  private record Key(ResourceBinding binding, List<List<Step>> levels) {}

  /**
   * {@return the rules of the request matched to {@code binding}'s method} Computed by each filter
   * that asks (from caches), never kept in the request: a request property would outlive this
   * dispatch into a forwarded one.
   */
  Rules rules(ContainerRequestContext context, ResourceBinding binding) {
    if (binding.generated() && "OPTIONS".equals(context.getMethod())) {
      // The runtime's automatic OPTIONS answer (the Allow header): no resource method runs.
      return Rules.NONE;
    }
    List<List<Step>> levels;
    try {
      levels = levels(context);
    } catch (RuntimeException e) {
      logOnce(
          binding,
          "the resources on the path of "
              + binding
              + " could not be read ("
              + e.getClass().getName()
              + "); refused");
      return REFUSED;
    }
    if (levels == null) {
      logOnce(
          binding, "the resources on the path of " + binding + " could not be determined; refused");
      return REFUSED;
    }
    if (levels.isEmpty()) {
      return binding.rules();
    }
    Key key = new Key(binding, levels);
    Rules cached = rules.get(key);
    if (cached != null) {
      return cached;
    }
    Rules combined = binding.rules();
    try {
      for (List<Step> level : levels) {
        for (Step step : level) {
          combined = combined.and(Rules.of(step.locator(), step.type()));
        }
      }
    } catch (IllegalArgumentException e) {
      // Found on a locator no deployment check reached: refuse, and say why once.
      logOnce(key, e.getMessage() + "; requests through it are refused");
      combined = REFUSED;
    }
    if (rules.size() < CACHE_LIMIT) {
      rules.put(key, combined);
    }
    return combined;
  }

  /**
   * {@return for each locator of the path, outermost first, the steps whose rules apply (one when
   * it is known exactly); empty when no locator was involved; null when it cannot be determined}
   */
  @Nullable List<List<Step>> levels(ContainerRequestContext context) {
    UriInfo uriInfo = context.getUriInfo();
    List<Object> matched = uriInfo.getMatchedResources();
    if (matched.isEmpty()) {
      return null;
    }
    List<Step> exact = hooks.locatorSteps(context);
    if (exact != null) {
      List<List<Step>> levels = new ArrayList<>(exact.size());
      for (Step s : exact) {
        levels.add(List.of(s));
      }
      return levels;
    }
    if (matched.size() == 1) {
      return List.of();
    }
    List<Class<?>> types = new ArrayList<>(matched.size());
    for (Object o : matched) {
      types.add(o instanceof Class<?> c ? c : o.getClass());
    }
    Collections.reverse(types);
    List<String> uris = new ArrayList<>(uriInfo.getMatchedURIs(false));
    Collections.reverse(uris);
    boolean aligned = aligned(uris, types.size() - 1);
    List<List<Step>> levels = new ArrayList<>(types.size() - 1);
    for (int i = 0; i < types.size() - 1; i++) {
      String part = aligned ? uris.get(i + 1).substring(uris.get(i).length()) : null;
      List<Step> level = candidates(types.get(i), types.get(i + 1), part);
      if (level.isEmpty()) {
        return null;
      }
      levels.add(level);
    }
    return levels;
  }

  /**
   * Whether the matched URIs are one per level (the root class's first, then one per locator,
   * perhaps one more for a sub-resource method), each extending the previous one.
   */
  private static boolean aligned(List<String> uris, int locatorCount) {
    if (uris.size() != locatorCount + 1 && uris.size() != locatorCount + 2) {
      return false;
    }
    for (int i = 1; i < uris.size(); i++) {
      if (!uris.get(i).startsWith(uris.get(i - 1))) {
        return false;
      }
    }
    return true;
  }

  /** The locators of {@code type} that may have returned {@code next} for the path {@code part}. */
  private List<Step> candidates(Class<?> type, Class<?> next, @Nullable String part) {
    List<Candidate> all = locators.computeIfAbsent(type, LocatorChain::locatorsOf);
    List<Candidate> fitting = new ArrayList<>();
    for (Candidate c : all) {
      Class<?> returned = c.method().getReturnType();
      if (returned == Class.class || returned.isAssignableFrom(next)) {
        fitting.add(c);
      }
    }
    if (fitting.isEmpty()) {
      fitting = all;
    }
    if (part != null && fitting.size() > 1) {
      List<Candidate> matching = new ArrayList<>();
      for (Candidate c : fitting) {
        if (c.template() != null && c.template().matches(part)) {
          matching.add(c);
        }
      }
      if (!matching.isEmpty()) {
        matching.sort((a, b) -> PathTemplate.PRECEDENCE.compare(a.template(), b.template()));
        PathTemplate best = matching.get(0).template();
        matching.removeIf(c -> PathTemplate.PRECEDENCE.compare(c.template(), best) != 0);
        fitting = matching;
      }
    }
    List<Step> steps = new ArrayList<>(fitting.size());
    for (Candidate c : fitting) {
      steps.add(new Step(c.method(), type));
    }
    return steps;
  }

  private static List<Candidate> locatorsOf(Class<?> type) {
    List<Candidate> candidates = new ArrayList<>();
    for (Method m : Hierarchy.locators(type)) {
      String path = Hierarchy.path(m, type);
      candidates.add(new Candidate(m, path == null ? null : PathTemplate.of(path)));
    }
    return List.copyOf(candidates);
  }

  private void logOnce(Object key, String message) {
    if (logged.size() < CACHE_LIMIT && logged.add(key)) {
      LOG.log(System.Logger.Level.WARNING, "Clerk: " + message);
    }
  }
}
