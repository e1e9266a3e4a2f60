package dev.clerk.jakarta.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clerk.jakarta.core.internal.json.JsonValues.MalformedJsonException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RecordReaderTest {
  record Inner(String id) {}

  record Sample(
      String id,
      @Nullable String displayName,
      String kind,
      boolean enabled,
      long maxCount,
      @Nullable Long seenCount,
      @Nullable Instant createdAt,
      Map<String, Object> publicMetadata,
      @Nullable Map<String, Object> claims,
      List<String> scopes,
      @Nullable Inner inner,
      List<Inner> inners) {}

  record Checked(String id) {
    Checked {
      if (id.isEmpty()) {
        throw new IllegalArgumentException("id is empty");
      }
    }
  }

  record Unreadable(Object value) {}

  private static final RecordReader<Inner> INNER =
      RecordReader.of(Inner.class, Map.of("id", RecordReader.REQUIRED));

  private static final RecordReader<Sample> SAMPLE =
      RecordReader.of(
          Sample.class,
          Map.of(
              "id", RecordReader.REQUIRED,
              "kind", RecordReader.orDefault("plain"),
              "claims", RecordReader.NULLABLE_MAP,
              "inner", RecordReader.object(INNER),
              "inners", RecordReader.objects(INNER)));

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  private static String malformed(String text) {
    return assertThrows(MalformedJsonException.class, () -> SAMPLE.apply(json(text))).getMessage();
  }

  @Test
  void applyWhenEveryMemberSetThenReadBySnakeCaseNameAndType() {
    Sample s =
        SAMPLE.apply(
            json(
                "{\"id\":\"s_1\",\"display_name\":\"Ada\",\"kind\":\"special\",\"enabled\":true,"
                    + "\"max_count\":5,\"seen_count\":6,\"created_at\":1700000000123,\"public_metadata\":{\"n\":1,\"d\":1.5,\"z\":null},"
                    + "\"claims\":{\"c\":true},\"scopes\":[\"read\",\"write\"],\"inner\":{\"id\":\"i_1\"},"
                    + "\"inners\":[{\"id\":\"i_2\"},{\"id\":\"i_3\"}],\"unknown\":{\"ignored\":[1]}}"));

    assertEquals(
        new Sample(
            "s_1",
            "Ada",
            "special",
            true,
            5,
            6L,
            Instant.ofEpochMilli(1_700_000_000_123L),
            Map.of("n", 1L, "d", new BigDecimal("1.5")),
            Map.of("c", true),
            List.of("read", "write"),
            new Inner("i_1"),
            List.of(new Inner("i_2"), new Inner("i_3"))),
        s);
  }

  @Test
  void applyWhenOptionalMembersAbsentOrNullThenLenientValuesByType() {
    Sample expected =
        new Sample(
            "s_1", null, "plain", false, 0, null, null, Map.of(), null, List.of(), null, List.of());

    assertEquals(expected, SAMPLE.apply(json("{\"id\":\"s_1\"}")));
    assertEquals(
        expected,
        SAMPLE.apply(
            json(
                "{\"id\":\"s_1\",\"display_name\":null,\"kind\":null,\"enabled\":null,"
                    + "\"max_count\":null,\"seen_count\":null,\"created_at\":null,\"public_metadata\":null,\"claims\":null,"
                    + "\"scopes\":null,\"inner\":null,\"inners\":null}")));
  }

  @Test
  void applyWhenRequiredMemberAbsentOrNullThenMalformedNamingIt() {
    assertEquals("field \"id\" is missing", malformed("{}"));
    assertEquals("field \"id\" is missing", malformed("{\"id\":null}"));
    assertEquals("field \"id\" is missing", malformed("{\"id\":\"s_1\",\"inner\":{}}"));
  }

  @Test
  void applyWhenMemberOfWrongKindThenMalformedNamingItNotItsValue() {
    assertEquals(
        "field \"display_name\" is number, expected string",
        malformed("{\"id\":\"s\",\"display_name\":7}"));
    assertEquals(
        "field \"enabled\" is string, expected boolean",
        malformed("{\"id\":\"s\",\"enabled\":\"yes\"}"));
    assertEquals(
        "field \"max_count\" is not an integer", malformed("{\"id\":\"s\",\"max_count\":1.5}"));
    assertEquals(
        "field \"created_at\" is string, expected number",
        malformed("{\"id\":\"s\",\"created_at\":\"secret-ish\"}"));
    assertEquals(
        "field \"public_metadata\" is array, expected object",
        malformed("{\"id\":\"s\",\"public_metadata\":[1]}"));
    assertEquals("field \"scopes\" holds a non-string", malformed("{\"id\":\"s\",\"scopes\":[1]}"));
    assertEquals(
        "field \"inners\" holds a non-object",
        malformed("{\"id\":\"s\",\"inners\":[\"secret-ish\"]}"));
    assertEquals(
        "field \"inner\" is array, expected object", malformed("{\"id\":\"s\",\"inner\":[]}"));
  }

  @Test
  void applyWhenSeveralMembersWrongThenTheFirstInRecordOrderIsNamed() {
    assertEquals(
        "field \"enabled\" is number, expected boolean",
        malformed("{\"scopes\":7,\"enabled\":7,\"id\":\"s\"}"));
  }

  @Test
  void applyWhenConstructorRefusesThenItsExceptionPassesThrough() {
    RecordReader<Checked> reader =
        RecordReader.of(Checked.class, Map.of("id", RecordReader.REQUIRED));

    assertEquals(
        "id is empty",
        assertThrows(IllegalArgumentException.class, () -> reader.apply(json("{\"id\":\"\"}")))
            .getMessage());
  }

  @Test
  void ofWhenSpecialNamesNoComponentThenIllegalArgument() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RecordReader.of(Inner.class, Map.of("identifier", RecordReader.REQUIRED)));

    assertEquals("Inner has no component [identifier]", e.getMessage());
  }

  @Test
  void ofWhenComponentTypeHasNoReadingThenIllegalArgumentNamingIt() {
    assertEquals(
        "Unreadable.value has the type class java.lang.Object, which is read only by a special member",
        assertThrows(
                IllegalArgumentException.class, () -> RecordReader.of(Unreadable.class, Map.of()))
            .getMessage());
    assertEquals(
        "Sample.inners has the type java.util.List<dev.clerk.jakarta.core.backend.RecordReaderTest$Inner>,"
            + " which is read only by a special member",
        assertThrows(
                IllegalArgumentException.class,
                () -> RecordReader.of(Sample.class, Map.of("inner", RecordReader.object(INNER))))
            .getMessage());
  }

  @Test
  void snakeCaseWhenCamelCaseThenJsonbLowerCaseWithUnderscores() {
    assertEquals("last_sign_in_at", RecordReader.snakeCase("lastSignInAt"));
    assertEquals("id", RecordReader.snakeCase("id"));
    assertEquals("primary_email_address_id", RecordReader.snakeCase("primaryEmailAddressId"));
  }

  @Test
  void toStringWhenAskedThenNamesTheRecord() {
    assertEquals("RecordReader{Inner}", INNER.toString());
  }
}
