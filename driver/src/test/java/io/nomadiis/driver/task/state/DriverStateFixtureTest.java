package io.nomadiis.driver.task.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.iis.BindingSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the handle version 3 JSON byte for byte: tasks started by an earlier build must recover, and the state
 * written now must be what earlier builds read. The fixture was written by the positional-record build.
 */
class DriverStateFixtureTest {

    static DriverState fixtureState() {
        Map<String, String> pools = new LinkedHashMap<>();
        pools.put("default", "nomad-a1b2c3d4-web");
        pools.put("api", "nomad-a1b2c3d4-web-api");
        return DriverState.builder()
                .format(DriverState.FORMAT_JSON)
                .taskId("a1b2c3d4-0000-1111-2222-333344445555/web/5f3c2a1b")
                .allocDir("/var/nomad/alloc/a1b2c3d4-0000-1111-2222-333344445555")
                .taskDir("/var/nomad/alloc/a1b2c3d4-0000-1111-2222-333344445555/web")
                .websiteName("nomad-a1b2c3d4-web")
                .ownsWebsite(true)
                .appPools(pools)
                .defaultPoolAlias("default")
                .applicationPaths(List.of("/", "/api"))
                .autoStartProviders(List.of("warmup"))
                .managedCertificates(List.of("AB12CD34"))
                .bindings(List.of(
                        new BindingSpec("http", "*", 8080, "", false, null),
                        new BindingSpec("https", "*", 8443, "shop.example", true, "AB12CD34")))
                .startedAt(Instant.parse("2026-01-02T03:04:05.123456Z"))
                .stdoutPath("/var/nomad/alloc/a1b2c3d4-0000-1111-2222-333344445555/alloc/logs/.web.stdout.fifo")
                .stderrPath("/var/nomad/alloc/a1b2c3d4-0000-1111-2222-333344445555/alloc/logs/.web.stderr.fifo")
                .logFiles(List.of("local/logs/*.log"))
                .logOffsetsFile("/var/lib/nomad-iis/log-offsets/a1b2c3d4-web.json")
                .build();
    }

    static String fixture() throws IOException {
        try (InputStream in = DriverStateFixtureTest.class.getResourceAsStream("/driver-state/v3.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void encode_isTheV3FixtureByteForByte() throws Exception {
        assertThat(new String(DriverStateCodec.encode(fixtureState()), StandardCharsets.UTF_8))
                .isEqualTo(fixture());
    }

    @Test
    void decode_ofTheV3Fixture_isTheState() throws Exception {
        DriverState decoded = DriverStateCodec.decode(
                3, fixture().getBytes(StandardCharsets.UTF_8), "ignored", Path.of("/ignored"), "web");
        assertThat(decoded).isEqualTo(fixtureState());
        assertThat(decoded.appPools().keySet()).containsExactly("default", "api");
    }
}
