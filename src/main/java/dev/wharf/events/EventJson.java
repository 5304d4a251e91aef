package dev.wharf.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.function.Function;

/** Events as the outbox stores them: JSON with a {@code type} name, digests and names as text, times as epoch ms. */
public final class EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // newer writers may add fields
            .registerModule(new SimpleModule("wharf-events")
                    .addSerializer(Instant.class, text(i -> i.toEpochMilli(), true))
                    .addDeserializer(Instant.class, parse(s -> Instant.ofEpochMilli(Long.parseLong(s))))
                    .addSerializer(Digest.class, text(Digest::toString, false))
                    .addDeserializer(Digest.class, parse(Digest::parse))
                    .addSerializer(RepositoryName.class, text(RepositoryName::value, false))
                    .addDeserializer(RepositoryName.class, parse(RepositoryName::parse)));

    private static final java.util.Map<Class<?>, String> TYPES = java.util.Arrays.stream(
                    Event.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(t -> t.value(), t -> t.name()));

    private EventJson() {
    }

    public static String write(Event event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode event " + event.getClass().getSimpleName(), e);
        }
    }

    public static Event read(String json) {
        try {
            return MAPPER.readValue(json, Event.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode event " + json, e);
        }
    }

    /** The stable type name of an event, as stored. */
    public static String type(Event event) {
        return TYPES.get(event.getClass());
    }

    private static <T> JsonSerializer<T> text(Function<T, Object> value, boolean number) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T v, JsonGenerator gen, SerializerProvider p) throws IOException {
                Object out = value.apply(v);
                if (number) {
                    gen.writeNumber((Long) out);
                } else {
                    gen.writeString(out.toString());
                }
            }
        };
    }

    private static <T> JsonDeserializer<T> parse(Function<String, T> parse) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return parse.apply(p.getValueAsString());
            }
        };
    }
}
