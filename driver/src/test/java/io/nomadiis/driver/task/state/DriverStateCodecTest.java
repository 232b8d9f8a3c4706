package io.nomadiis.driver.task.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.driver.task.DriverException;
import io.nomadiis.iis.BindingSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

class DriverStateCodecTest {
    private static final Path ALLOC_DIR = Path.of("/var/nomad/alloc/a1");

    @Test
    void encode_thenDecode_sameState() throws Exception {
        Map<String, String> pools = new LinkedHashMap<>();
        pools.put("default", "nomad-a1-web");
        pools.put("api", "nomad-a1-web-api");
        DriverState state = DriverState.builder()
                .format(DriverState.FORMAT_JSON)
                .taskId("a1/web/x")
                .allocDir("/alloc")
                .taskDir("/alloc/web")
                .websiteName("nomad-a1-web")
                .ownsWebsite(true)
                .appPools(pools)
                .defaultPoolAlias("default")
                .applicationPaths(List.of("/", "/api"))
                .autoStartProviders(List.of("prov"))
                .managedCertificates(List.of("AB12"))
                .bindings(List.of(new BindingSpec("https", "*", 443, "h", true, "AB12")))
                .startedAt(Instant.parse("2026-01-02T03:04:05.123Z"))
                .stdoutPath("/fifo/out")
                .stderrPath("/fifo/err")
                .logFiles(List.of("local/*.log"))
                .logOffsetsFile("/state/log-offsets/a1-web.json")
                .build();
        byte[] bytes = DriverStateCodec.encode(state);
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .startsWith("{")
                .contains("\"version\":" + DriverStateCodec.HANDLE_VERSION);
        DriverState decoded =
                DriverStateCodec.decode(DriverStateCodec.HANDLE_VERSION, bytes, "a1/web/x", ALLOC_DIR, "web");
        assertThat(decoded).isEqualTo(state);
        assertThat(decoded.appPools().keySet()).containsExactly("default", "api");
        assertThat(decoded.removal().poolNames()).containsExactly("nomad-a1-web", "nomad-a1-web-api");
    }

    @Test
    void decode_csharpV2_allFieldsRead() throws Exception {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(7);
        p.packTimestamp(Instant.parse("2025-05-06T07:08:09Z"));
        p.packMapHeader(2);
        p.packString("default").packString("nomad-a1-web");
        p.packString("admin").packString("nomad-a1-web-admin");
        p.packString("Default Web Site");
        p.packBoolean(false);
        p.packArrayHeader(2).packString("shop").packNil();
        p.packInt(0);
        p.packArrayHeader(1).packString("MyProvider");
        DriverState s = DriverStateCodec.decode(2, p.toByteArray(), "a1/web/x", ALLOC_DIR, "web");
        assertThat(s.format()).isEqualTo(DriverState.FORMAT_CSHARP);
        assertThat(s.startedAt()).isEqualTo(Instant.parse("2025-05-06T07:08:09Z"));
        assertThat(s.appPools()).containsEntry("default", "nomad-a1-web").containsEntry("admin", "nomad-a1-web-admin");
        assertThat(s.websiteName()).isEqualTo("Default Web Site");
        assertThat(s.ownsWebsite()).isFalse();
        assertThat(s.applicationPaths()).containsExactly("/shop", "/");
        assertThat(s.autoStartProviders()).containsExactly("MyProvider");
        assertThat(s.taskDir()).isEqualTo(ALLOC_DIR.resolve("web").toString());
        assertThat(s.removal().applicationPaths()).containsExactly("/shop", "/");
    }

    @Test
    void decode_csharpV1_singlePoolBecomesDefault() throws Exception {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(6);
        p.packTimestamp(Instant.parse("2024-01-01T00:00:00Z"));
        p.packString("nomad-a1-web");
        p.packString("nomad-a1-web");
        p.packBoolean(true);
        p.packNil();
        p.packNil();
        DriverState s = DriverStateCodec.decode(1, p.toByteArray(), "a1/web/x", ALLOC_DIR, "web");
        assertThat(s.appPools()).containsExactly(Map.entry("default", "nomad-a1-web"));
        assertThat(s.ownsWebsite()).isTrue();
        assertThat(s.applicationPaths()).isEmpty();
        assertThat(s.autoStartProviders()).isEmpty();
    }

    @Test
    void decode_emptyOrGarbage_clearError() {
        assertThatThrownBy(() -> DriverStateCodec.decode(3, new byte[0], "t1", ALLOC_DIR, "web"))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("no driver state");
        assertThatThrownBy(() -> DriverStateCodec.decode(3, new byte[] {1, 2, 3}, "t1", ALLOC_DIR, "web"))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("cannot recover task t1");
        assertThatThrownBy(() -> DriverStateCodec.decode(
                        3, "{\"x\":1}".getBytes(StandardCharsets.UTF_8), "t1", ALLOC_DIR, "web"))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("not valid JSON");
    }
}
