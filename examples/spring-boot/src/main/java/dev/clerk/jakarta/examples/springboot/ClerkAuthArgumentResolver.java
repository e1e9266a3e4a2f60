package dev.clerk.jakarta.examples.springboot;

import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a controller parameter of type {@link ClerkAuth} from the request attribute {@link
 * ClerkAuth#ATTRIBUTE} that {@link dev.clerk.jakarta.filter.ClerkFilter} sets (signed out when the
 * filter did not run). Thread-safe: stateless.
 */
final class ClerkAuthArgumentResolver implements HandlerMethodArgumentResolver {
  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == ClerkAuth.class;
  }

  @Override
  public ClerkAuth resolveArgument(
      MethodParameter parameter,
      @Nullable ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      @Nullable WebDataBinderFactory binderFactory) {
    Object auth = webRequest.getAttribute(ClerkAuth.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    return ClerkAuth.of(auth instanceof Auth a ? a : null);
  }
}
