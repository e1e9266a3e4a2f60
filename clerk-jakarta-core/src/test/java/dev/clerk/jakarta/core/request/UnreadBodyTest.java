package dev.clerk.jakarta.core.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class UnreadBodyTest {
  @Test
  void discardWhenDeclaredWithinTheLimitThenReadToItsEnd() throws Exception {
    ByteArrayInputStream in = new ByteArrayInputStream(new byte[100_000]);
    UnreadBody.discard(in, 100_000);
    assertEquals(0, in.available());
  }

  @Test
  void discardWhenLengthUnknownThenReadUpToTheLimitOnly() throws Exception {
    int longer = (int) UnreadBody.DISCARD_LIMIT + 10;
    ByteArrayInputStream in = new ByteArrayInputStream(new byte[longer]);
    UnreadBody.discard(in, -1);
    assertEquals(10, in.available());
  }

  @Test
  void discardWhenDeclaredAboveTheLimitThenNothingRead() throws Exception {
    ByteArrayInputStream in = new ByteArrayInputStream(new byte[16]);
    UnreadBody.discard(in, UnreadBody.DISCARD_LIMIT + 1);
    assertEquals(16, in.available());
  }

  @Test
  void skipWhenStreamShorterThenDroppedCountIsItsLength() throws Exception {
    assertEquals(5, UnreadBody.skip(new ByteArrayInputStream(new byte[5]), 100));
    assertEquals(100, UnreadBody.skip(new ByteArrayInputStream(new byte[500]), 100));
    assertEquals(0, UnreadBody.skip(new ByteArrayInputStream(new byte[5]), 0));
  }
}
