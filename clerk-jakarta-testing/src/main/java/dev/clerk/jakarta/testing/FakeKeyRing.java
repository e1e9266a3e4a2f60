package dev.clerk.jakarta.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The RSA keys of a {@link FakeClerk}: those its JWKS publishes and the one new tokens are signed
 * with, which {@link #rotate()} replaces. Kids look like Clerk's ({@code ins_fake…}), numbered per
 * instance.
 *
 * <p>Thread-safe.
 */
final class FakeKeyRing {
  private final List<FakeKey> keys = new CopyOnWriteArrayList<>();
  private final AtomicInteger keyCounter = new AtomicInteger();
  private volatile FakeKey signingKey;

  /** Creates the ring with one new key, published and signing. */
  FakeKeyRing() {
    FakeKey first = FakeKey.generate(nextKid());
    keys.add(first);
    this.signingKey = first;
  }

  /** {@return the key new tokens are signed with} */
  FakeKey signingKey() {
    return signingKey;
  }

  /** {@return the keys the JWKS publishes} */
  List<FakeKey> publishedKeys() {
    return List.copyOf(keys);
  }

  /** {@return a new key, published, that new tokens are signed with from now on} */
  FakeKey rotate() {
    FakeKey k = FakeKey.generate(nextKid());
    keys.add(k);
    signingKey = k;
    return k;
  }

  /** Stops publishing {@code key}. */
  void unpublish(FakeKey key) {
    keys.remove(key);
  }

  /** {@return the JWKS JSON of the published keys} */
  String jwksJson() {
    List<Object> list = new ArrayList<>();
    for (FakeKey k : keys) {
      list.add(k.jwk());
    }
    return Json.write(Map.of("keys", list));
  }

  private String nextKid() {
    return "ins_fake" + keyCounter.incrementAndGet() + FakeInstance.random(6);
  }
}
