package io.nomadiis.driver.task.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.nomadiis.driver.task.DriverException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Encodes {@link DriverState} as versioned JSON for Nomad's task handle, and decodes it again together
 * with the C# plugin's MessagePack states (handle versions 1 and 2), so a node can switch plugins
 * without draining.
 */
public final class DriverStateCodec {

    /** The handle version this plugin writes: 3, after the C# plugin's 1 and 2. */
    public static final int HANDLE_VERSION = 3;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(instantAsText())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private DriverStateCodec() {}

    /** The JSON bytes of the state. */
    public static byte[] encode(DriverState state) {
        try {
            return JSON.writeValueAsBytes(new Envelope(HANDLE_VERSION, state));
        } catch (IOException e) {
            throw new IllegalStateException("failed to encode driver state", e);
        }
    }

    /**
     * Decodes a handle's driver state.
     *
     * @param handleVersion the handle's version
     * @param bytes the driver state
     * @param taskId the task id (from the handle's config)
     * @param allocDir the allocation directory (from the handle's config), for C# states
     * @param taskName the task name (from the handle's config), for C# states
     */
    public static DriverState decode(int handleVersion, byte[] bytes, String taskId, Path allocDir, String taskName)
            throws DriverException {
        if (bytes == null || bytes.length == 0) {
            throw new DriverException(
                    DriverException.Kind.FAILED,
                    "cannot recover task " + taskId + ": the task handle has no driver state (handle version "
                            + handleVersion + ")");
        }
        if (bytes[0] == '{') {
            try {
                Envelope envelope = JSON.readValue(bytes, Envelope.class);
                if (envelope.state() == null) {
                    throw new IOException("no state field");
                }
                return envelope.state();
            } catch (IOException e) {
                throw new DriverException(
                        DriverException.Kind.FAILED,
                        "cannot recover task " + taskId + ": driver state is not valid JSON: " + e.getMessage(),
                        e);
            }
        }
        return CsharpDriverState.decode(bytes, taskId, allocDir, taskName);
    }

    private static SimpleModule instantAsText() {
        SimpleModule module = new SimpleModule("instant-as-text");
        module.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
        module.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Instant.parse(p.getValueAsString());
            }
        });
        return module;
    }

    /** The JSON document: the format version next to the state. */
    record Envelope(int version, DriverState state) {}
}
