package io.nomadiis.iis.portable;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The JSON mapping shared by the portable host's client, service and state files: the contract
 * records as they are, {@link Duration} as ISO-8601 text and {@link Path} as a plain path string.
 */
public final class Json {
    /** The shared, thread-safe mapper. */
    public static final ObjectMapper MAPPER = create();

    private Json() {}

    private static ObjectMapper create() {
        SimpleModule module = new SimpleModule("nomadiis-portable");
        module.addSerializer(Duration.class, new TextSerializer<>(Duration.class));
        module.addDeserializer(Duration.class, new FromStringDeserializer<>(Duration.class) {
            @Override
            protected Duration _deserialize(String value, DeserializationContext context) {
                return Duration.parse(value);
            }
        });
        module.addSerializer(Path.class, new TextSerializer<>(Path.class));
        module.addDeserializer(Path.class, new FromStringDeserializer<>(Path.class) {
            @Override
            protected Path _deserialize(String value, DeserializationContext context) {
                return Path.of(value);
            }
        });
        return new ObjectMapper()
                .registerModule(module)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** Writes a value as its {@code toString()}. */
    private static final class TextSerializer<T> extends StdSerializer<T> {
        TextSerializer(Class<T> type) {
            super(type);
        }

        @Override
        public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(value.toString());
        }
    }
}
