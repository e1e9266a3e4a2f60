package dev.clerk.jakarta.testing;

/**
 * Answers a request FakeClerk routed to it.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface FakeHandler {
  /**
   * Answers.
   *
   * @param request the recorded request
   * @return the response
   * @throws Exception anything; FakeClerk answers 500 and records the failure
   */
  FakeResponse handle(RecordedRequest request) throws Exception;
}
