package io.nomadiis.iis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The catalogue against IIS's own schema: {@code iis-schema-facts.json} (a copy of the shared reference extracted
 * from IIS 10's {@code IIS_schema.xml}) must agree with every entry's path, type, range, granularity and enum names.
 */
class PoolAttributeTest {

    private static JsonNode poolAttribute(String path) throws Exception {
        JsonNode facts;
        try (InputStream in = PoolAttributeTest.class.getResourceAsStream("iis-schema-facts.json")) {
            facts = new ObjectMapper().readTree(in);
        }
        JsonNode element = facts.path("sections")
                .path("system.applicationHost/applicationPools")
                .path("collection");
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            element = element.path("elements").path(parts[i]);
        }
        return element.path("attributes").path(parts[parts.length - 1]);
    }

    @Test
    void everyEntry_matchesIisSchema() throws Exception {
        assertThat(PoolAttribute.all()).hasSize(11);
        for (PoolAttribute<?> attribute : PoolAttribute.all()) {
            JsonNode fact = poolAttribute(attribute.iisPath());
            assertThat(fact.isMissingNode()).as(attribute.iisPath()).isFalse();
            String type = fact.path("type").asText();
            switch (attribute.kind()) {
                case BOOL -> assertThat(type).as(attribute.iisPath()).isEqualTo("bool");
                case STRING -> assertThat(type).as(attribute.iisPath()).isEqualTo("string");
                case UINT -> {
                    assertThat(type).as(attribute.iisPath()).isEqualTo("uint");
                    assertThat(fact.path("validationType").asText()).isEqualTo("integerRange");
                    assertThat(fact.path("validationParameter").asText())
                            .as(attribute.iisPath())
                            .isEqualTo(attribute.min() + "," + attribute.max());
                }
                case TIME_SPAN -> {
                    assertThat(type).as(attribute.iisPath()).isEqualTo("timeSpan");
                    assertThat(fact.path("validationType").asText()).isEqualTo("timeSpanRange");
                    assertThat(fact.path("validationParameter").asText())
                            .as(attribute.iisPath())
                            .isEqualTo(attribute.min() + "," + attribute.max() + "," + attribute.granularitySeconds());
                }
                case ENUM -> {
                    assertThat(type).as(attribute.iisPath()).isEqualTo("enum");
                    Set<String> names = attribute.choices().stream()
                            .map(c -> ((IisEnumValue) c).iisName())
                            .collect(Collectors.toSet());
                    Set<String> schema = fact.path("values").properties().stream()
                            .map(e -> e.getKey())
                            .collect(Collectors.toSet());
                    assertThat(names).as(attribute.iisPath()).isEqualTo(schema);
                }
            }
        }
    }

    @Test
    void poolIdentity_namesAreTheSchemasIdentityTypes() throws Exception {
        Set<String> schema = poolAttribute("processModel.identityType").path("values").properties().stream()
                .map(e -> e.getKey())
                .collect(Collectors.toSet());
        assertThat(Arrays.stream(PoolIdentity.values()).map(PoolIdentity::iisName))
                .containsExactlyInAnyOrderElementsOf(schema);
    }

    @Test
    void accepts_timeSpans_checksRangeAndGranularity() {
        assertThat(PoolAttribute.IDLE_TIMEOUT.accepts(Duration.ofMinutes(20))).isTrue();
        assertThat(PoolAttribute.IDLE_TIMEOUT.accepts(Duration.ZERO)).isTrue();
        assertThat(PoolAttribute.IDLE_TIMEOUT.accepts(Duration.ofSeconds(90))).isFalse();
        assertThat(PoolAttribute.IDLE_TIMEOUT.accepts(Duration.ofDays(30))).isTrue();
        assertThat(PoolAttribute.IDLE_TIMEOUT.accepts(Duration.ofDays(30).plusMinutes(1)))
                .isFalse();
        assertThat(PoolAttribute.PERIODIC_RESTART_TIME.accepts(Duration.ofDays(300)))
                .isTrue();
        assertThat(PoolAttribute.PERIODIC_RESTART_TIME.accepts(Duration.ofDays(301)))
                .isFalse();
        assertThat(PoolAttribute.SHUTDOWN_TIME_LIMIT.accepts(Duration.ofSeconds(1)))
                .isTrue();
        assertThat(PoolAttribute.SHUTDOWN_TIME_LIMIT.accepts(Duration.ZERO)).isFalse();
        assertThat(PoolAttribute.STARTUP_TIME_LIMIT.accepts(Duration.ofMillis(1500)))
                .isFalse();
        assertThat(PoolAttribute.STARTUP_TIME_LIMIT.accepts(Duration.ofSeconds(4_294_968)))
                .isFalse();
    }

    @Test
    void accepts_uint_checksRange() {
        assertThat(PoolAttribute.QUEUE_LENGTH.accepts(10L)).isTrue();
        assertThat(PoolAttribute.QUEUE_LENGTH.accepts(65_535L)).isTrue();
        assertThat(PoolAttribute.QUEUE_LENGTH.accepts(9L)).isFalse();
        assertThat(PoolAttribute.QUEUE_LENGTH.accepts(65_536L)).isFalse();
    }

    @Test
    void settings_keepCatalogueOrder_andRefuseWrongTypes() {
        PoolSettings settings = PoolSettings.none()
                .with(PoolAttribute.QUEUE_LENGTH, 20L)
                .with(PoolAttribute.START_MODE, StartMode.ALWAYS_RUNNING)
                .with(PoolAttribute.IDLE_TIMEOUT, null);
        StringBuilder order = new StringBuilder();
        settings.forEach((attribute, value) ->
                order.append(attribute.iisPath()).append('=').append(value).append(';'));

        assertThat(order).hasToString("startMode=ALWAYS_RUNNING;queueLength=20;");
        assertThat(settings.get(PoolAttribute.QUEUE_LENGTH)).isEqualTo(20L);
        assertThat(settings.get(PoolAttribute.IDLE_TIMEOUT)).isNull();
        assertThat(settings)
                .isEqualTo(PoolSettings.none()
                        .with(PoolAttribute.START_MODE, StartMode.ALWAYS_RUNNING)
                        .with(PoolAttribute.QUEUE_LENGTH, 20L));
        assertThatThrownBy(() -> PoolSettings.of(java.util.Map.of(PoolAttribute.QUEUE_LENGTH, 20)))
                .isInstanceOf(ClassCastException.class)
                .hasMessageContaining("queueLength");
    }
}
