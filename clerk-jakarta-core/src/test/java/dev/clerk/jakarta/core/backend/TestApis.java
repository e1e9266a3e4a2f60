package dev.clerk.jakarta.core.backend;

import dev.clerk.jakarta.testing.FakeClerk;

/** Builds clients against a FakeClerk with a fake clock/sleeper and fixed jitter. */
final class TestApis {
  private TestApis() {}

  static BackendApi.Builder builder(FakeClerk fake, FakeTime time) {
    return BackendApi.builder()
        .apiUrl(fake.apiUrl())
        .secretKey(fake.secretKey())
        .sleeper(time)
        .clock(time)
        .random(() -> 0.5);
  }

  static BackendApi api(FakeClerk fake, FakeTime time) {
    return builder(fake, time).build();
  }
}
