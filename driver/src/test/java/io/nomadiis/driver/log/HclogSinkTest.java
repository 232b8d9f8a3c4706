package io.nomadiis.driver.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nomadiis.log.LogField;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HclogSinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final HclogSink sink = new HclogSink(out, LogLevel.INFO);

    private String[] lines() {
        return out.toString(StandardCharsets.UTF_8).split("\n");
    }

    @Test
    void write_infoWithFields_oneJsonLineWithHclogKeysAndTypedFields() throws Exception {
        sink.write(
                LogLevel.INFO,
                "io.nomadiis.Foo",
                "task started",
                null,
                LogField.of("task_id", "a/b/c"),
                LogField.of("port", 8080),
                LogField.of("ok", true));
        assertThat(lines()).hasSize(1);
        JsonNode entry = JSON.readTree(lines()[0]);
        assertThat(entry.get("@level").asText()).isEqualTo("info");
        assertThat(entry.get("@message").asText()).isEqualTo("task started");
        assertThat(entry.get("@module").asText()).isEqualTo("io.nomadiis.Foo");
        assertThat(entry.get("@timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");
        assertThat(entry.get("task_id").asText()).isEqualTo("a/b/c");
        assertThat(entry.get("port").isInt()).isTrue();
        assertThat(entry.get("ok").isBoolean()).isTrue();
    }

    @Test
    void write_throwable_stackTraceInsideTheSameLine() throws Exception {
        sink.write(LogLevel.ERROR, "m", "boom", new IllegalStateException("bad \"state\"\nsecond line"));
        assertThat(lines()).hasSize(1);
        JsonNode entry = JSON.readTree(lines()[0]);
        assertThat(entry.get("error").asText())
                .contains("IllegalStateException")
                .contains("bad \"state\"");
        assertThat(entry.get("stack_trace").asText()).contains("\n\tat ").contains("HclogSinkTest");
    }

    @Test
    void write_fieldsAndThrowableAsParameters_fieldsAsKeysThrowableAsError() throws Exception {
        new HclogLogger("io.nomadiis.Foo", sink)
                .log(
                        System.Logger.Level.WARNING,
                        "app pool stopped",
                        LogField.pool("web"),
                        LogField.pid(4242L),
                        new IllegalStateException("gone"));
        assertThat(lines()).hasSize(1);
        JsonNode entry = JSON.readTree(lines()[0]);
        assertThat(entry.get("@message").asText()).isEqualTo("app pool stopped");
        assertThat(entry.get("pool").asText()).isEqualTo("web");
        assertThat(entry.get("pid").isIntegralNumber()).isTrue();
        assertThat(entry.get("pid").asLong()).isEqualTo(4242L);
        assertThat(entry.get("error").asText())
                .contains("IllegalStateException")
                .contains("gone");
        assertThat(entry.get("stack_trace").asText()).contains("HclogSinkTest");
    }

    @Test
    void write_belowThreshold_dropped() {
        sink.write(LogLevel.DEBUG, "m", "hidden", null);
        assertThat(out.size()).isZero();
        sink.setThreshold(LogLevel.TRACE);
        sink.write(LogLevel.TRACE, "m", "shown", null);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"@level\":\"trace\"");
    }

    @Test
    void write_controlCharactersAndPlaceholders_escapedAndFormatted() throws Exception {
        sink.write(LogLevel.WARN, "m", "pool {0} in \u0001 state", null, "web", LogField.of("k", "v"));
        JsonNode entry = JSON.readTree(lines()[0]);
        assertThat(entry.get("@message").asText()).isEqualTo("pool web in \u0001 state");
        assertThat(entry.get("@level").asText()).isEqualTo("warn");
        assertThat(entry.get("k").asText()).isEqualTo("v");
    }

    @Test
    void timestamp_epochWithMicros_sixFractionalDigitsUtc() {
        StringBuilder text = new StringBuilder();
        HclogLine.appendTimestamp(text, 1_800_000_000L, 1_234_000);
        assertThat(text).hasToString("2027-01-15T08:00:00.001234Z");
    }

    @Test
    void parse_levelNames_caseInsensitiveAndRejectsUnknown() {
        assertThat(LogLevel.parse("DEBUG")).isEqualTo(LogLevel.DEBUG);
        assertThat(LogLevel.parse("warning")).isEqualTo(LogLevel.WARN);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogLevel.parse("fatal"))
                .hasMessageContaining("\"fatal\"")
                .hasMessageContaining("trace, debug, info, warn, error");
    }

    @Test
    void platformLogger_installedFinder_isHclog() {
        assertThat(System.getLogger("x").getClass().getName()).isEqualTo(HclogLogger.class.getName());
    }
}
