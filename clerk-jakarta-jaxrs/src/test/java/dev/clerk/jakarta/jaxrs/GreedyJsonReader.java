package dev.clerk.jakarta.jaxrs;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for an application's JSON binding (JSON-B, Jackson): claims every JSON entity except
 * the raw types, as those providers do. It must never be asked to read a WebhookEvent.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class GreedyJsonReader implements MessageBodyReader<Object> {
  static final AtomicInteger READS = new AtomicInteger();

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type != InputStream.class && type != byte[].class && type != String.class;
  }

  @Override
  public Object readFrom(
      Class<Object> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> httpHeaders,
      InputStream entityStream) {
    READS.incrementAndGet();
    throw new IllegalStateException("an application JSON reader was asked for " + type.getName());
  }
}
