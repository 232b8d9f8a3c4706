package io.nomadiis.iis.portable;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.nomadiis.iis.IisEnumValue;
import io.nomadiis.iis.PoolAttribute;
import io.nomadiis.iis.PoolSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON mapping shared by the portable host's client, service and state files: the contract
 * records as they are, {@link Duration} as ISO-8601 text, {@link Path} as a plain path string and
 * {@link PoolSettings} as an object keyed by IIS attribute path (enums by their IIS name).
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
        module.addSerializer(PoolSettings.class, new PoolSettingsSerializer());
        module.addDeserializer(PoolSettings.class, new PoolSettingsDeserializer());
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

    /** Writes pool settings as {@code {"queueLength": 2000, "processModel.idleTimeout": "PT20M", ...}}. */
    private static final class PoolSettingsSerializer extends StdSerializer<PoolSettings> {
        PoolSettingsSerializer() {
            super(PoolSettings.class);
        }

        @Override
        public void serialize(PoolSettings value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeStartObject();
            List<IOException> failures = new ArrayList<>();
            value.forEach((attribute, setting) -> {
                try {
                    generator.writeFieldName(attribute.iisPath());
                    if (setting instanceof IisEnumValue choice) {
                        generator.writeString(choice.iisName());
                    } else if (setting instanceof Duration span) {
                        generator.writeString(span.toString());
                    } else {
                        provider.defaultSerializeValue(setting, generator);
                    }
                } catch (IOException e) {
                    failures.add(e);
                }
            });
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
            generator.writeEndObject();
        }
    }

    /** Reads what {@link PoolSettingsSerializer} writes; attributes this version does not know are skipped. */
    private static final class PoolSettingsDeserializer extends StdDeserializer<PoolSettings> {
        PoolSettingsDeserializer() {
            super(PoolSettings.class);
        }

        @Override
        public PoolSettings deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = parser.readValueAsTree();
            Map<PoolAttribute<?>, Object> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : tree.properties()) {
                Optional<PoolAttribute<?>> attribute = PoolAttribute.byPath(field.getKey());
                if (attribute.isPresent() && !field.getValue().isNull()) {
                    values.put(attribute.get(), read(attribute.get(), field.getValue(), context));
                }
            }
            return PoolSettings.of(values);
        }

        private static Object read(PoolAttribute<?> attribute, JsonNode node, DeserializationContext context)
                throws IOException {
            return switch (attribute.kind()) {
                case BOOL -> node.booleanValue();
                case UINT -> node.longValue();
                case STRING -> node.textValue();
                case TIME_SPAN -> Duration.parse(node.textValue());
                case ENUM ->
                    attribute.choices().stream()
                            .filter(c -> ((IisEnumValue) c).iisName().equals(node.textValue()))
                            .findFirst()
                            .orElseThrow(() -> context.weirdStringException(
                                    node.textValue(), attribute.type(), "not a value of " + attribute.iisPath()));
            };
        }
    }
}
