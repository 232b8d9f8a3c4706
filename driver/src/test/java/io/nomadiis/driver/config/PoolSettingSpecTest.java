package io.nomadiis.driver.config;

import static io.nomadiis.driver.config.TaskConfigSpecTest.decode;
import static io.nomadiis.driver.config.TaskConfigSpecTest.violations;
import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.driver.config.spec.HclType;
import io.nomadiis.driver.config.spec.Spec;
import io.nomadiis.iis.IisEnumValue;
import io.nomadiis.iis.PoolAttribute;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pool settings are declared once ({@link TaskConfigSpec#POOL_SETTINGS} over the {@link PoolAttribute}
 * catalogue) and everything else is derived: the spec entry, the decoding into {@link io.nomadiis.iis.PoolSettings},
 * and the refusal at decode time of every value IIS's schema would refuse, naming block, attribute, value and what
 * is allowed.
 */
class PoolSettingSpecTest {

    private static List<String> poolViolations(String blockName, Map<String, Object> pool) {
        return violations(Map.of(blockName, List.of(pool), "application", List.of(Map.of("path", "p"))));
    }

    @Test
    void everyCatalogueAttribute_hasExactlyOneJobAttribute_withTheDerivedSpecEntry() {
        List<PoolAttribute<?>> targets = TaskConfigSpec.POOL_SETTINGS.stream()
                .<PoolAttribute<?>>map(PoolSettingSpec::target)
                .toList();
        assertThat(targets).containsExactlyInAnyOrderElementsOf(PoolAttribute.all());
        Spec.BlockList pools =
                (Spec.BlockList) ((Spec.Obj) TaskConfigSpec.spec()).attributes().get("application_pool");
        Map<String, Spec> poolSpec = ((Spec.Obj) pools.nested()).attributes();
        for (PoolSettingSpec<?> setting : TaskConfigSpec.POOL_SETTINGS) {
            HclType expected = switch (setting.target().kind()) {
                case BOOL -> HclType.BOOL;
                case UINT -> HclType.NUMBER;
                default -> HclType.STRING;
            };
            assertThat(poolSpec.get(setting.hclName()))
                    .as(setting.hclName())
                    .isEqualTo(Spec.attr(setting.hclName(), expected, false));
        }
    }

    @Test
    void everyJobAttribute_decodesIntoItsIisAttribute() throws Exception {
        Map<String, Object> pool = new HashMap<>();
        Map<PoolAttribute<?>, Object> expected = new HashMap<>();
        for (PoolSettingSpec<?> setting : TaskConfigSpec.POOL_SETTINGS) {
            PoolAttribute<?> target = setting.target();
            switch (target.kind()) {
                case BOOL -> {
                    pool.put(setting.hclName(), true);
                    expected.put(target, true);
                }
                case UINT -> {
                    pool.put(setting.hclName(), target.max());
                    expected.put(target, target.max());
                }
                case TIME_SPAN -> {
                    pool.put(setting.hclName(), target.granularitySeconds() * 3 + "s");
                    expected.put(target, Duration.ofSeconds(target.granularitySeconds() * 3));
                }
                case ENUM -> {
                    Object last = target.choices().get(target.choices().size() - 1);
                    pool.put(setting.hclName(), ((IisEnumValue) last).iisName().toLowerCase(java.util.Locale.ROOT));
                    expected.put(target, last);
                }
                case STRING -> {
                    pool.put(setting.hclName(), "v2.0");
                    expected.put(target, "v2.0");
                }
            }
        }

        AppPoolConfig decoded = decode(
                        Map.of("application_pool", List.of(pool), "application", List.of(Map.of("path", "p"))))
                .applicationPools()
                .get(0);

        for (PoolAttribute<?> attribute : PoolAttribute.all()) {
            assertThat(decoded.settings().get(attribute))
                    .as(attribute.iisPath())
                    .isEqualTo(expected.get(attribute));
        }
    }

    @Test
    void timeSpanInWholeMinutes_refusesSeconds() {
        assertThat(poolViolations("application_pool", Map.of("idle_timeout", "90s", "periodic_restart", "1h30m15s")))
                .containsExactly(
                        "application_pool[0].idle_timeout: \"90s\" is not allowed; use whole minutes from 0s to 30d"
                                + " (IIS processModel.idleTimeout)",
                        "application_pool[0].periodic_restart: \"1h30m15s\" is not allowed; use whole minutes from 0s"
                                + " to 300d (IIS recycling.periodicRestart.time)");
    }

    @Test
    void timeSpanInWholeSeconds_refusesFractions() {
        assertThat(poolViolations("application_pool", Map.of("start_time_limit", "1500ms")))
                .containsExactly("application_pool[0].start_time_limit: \"1500ms\" is not allowed; use whole seconds"
                        + " from 1s to 49d17h2m47s (IIS processModel.startupTimeLimit)");
        assertThat(poolViolations("application_pool", Map.of("shutdown_time_limit", "00:00:01.5")))
                .containsExactly("application_pool[0].shutdown_time_limit: \"00:00:01.5\" is not allowed; use whole"
                        + " seconds from 1s to 49d17h2m47s (IIS processModel.shutdownTimeLimit)");
    }

    @Test
    void timeSpanOutsideRange_isRefused() {
        assertThat(poolViolations(
                        "application_pool",
                        Map.of("idle_timeout", "31d", "periodic_restart", "301d", "shutdown_time_limit", "0s")))
                .containsExactlyInAnyOrder(
                        "application_pool[0].idle_timeout: \"31d\" is not allowed; use whole minutes from 0s to 30d"
                                + " (IIS processModel.idleTimeout)",
                        "application_pool[0].periodic_restart: \"301d\" is not allowed; use whole minutes from 0s"
                                + " to 300d (IIS recycling.periodicRestart.time)",
                        "application_pool[0].shutdown_time_limit: \"0s\" is not allowed; use whole seconds from 1s"
                                + " to 49d17h2m47s (IIS processModel.shutdownTimeLimit)");
    }

    @Test
    void timeSpanAtTheLimits_isAccepted() throws Exception {
        AppPoolConfig pool = decode(Map.of(
                        "application_pool",
                        List.of(Map.of(
                                "idle_timeout", "0s",
                                "periodic_restart", "300d",
                                "start_time_limit", "1s",
                                "shutdown_time_limit", "49d17h2m47s")),
                        "application",
                        List.of(Map.of("path", "p"))))
                .applicationPools()
                .get(0);

        assertThat(pool.settings().get(PoolAttribute.IDLE_TIMEOUT)).isZero();
        assertThat(pool.settings().get(PoolAttribute.PERIODIC_RESTART_TIME)).isEqualTo(Duration.ofDays(300));
        assertThat(pool.settings().get(PoolAttribute.SHUTDOWN_TIME_LIMIT)).hasSeconds(4_294_967);
    }

    @Test
    void uintOutsideRange_isRefusedAtBothEnds() {
        assertThat(poolViolations("application_pool", Map.of("queue_length", 9)))
                .containsExactly(
                        "application_pool[0].queue_length: 9 is not allowed; use a whole number from 10 to 65535");
        assertThat(poolViolations("application_pool", Map.of("queue_length", 65536)))
                .containsExactly(
                        "application_pool[0].queue_length: 65536 is not allowed; use a whole number from 10 to 65535");
    }

    @Test
    void everyViolation_isCollected_acrossBlocksAndKinds_inTheDeprecatedBlockToo() {
        Map<String, Object> first = Map.of("name", "a", "idle_timeout", "30s", "start_mode", "Eager");
        Map<String, Object> second = Map.of("name", "b", "queue_length", 5, "start_time_limit", "0s");

        List<String> found = violations(Map.of(
                "application_pool",
                List.of(first),
                "applicationPool",
                List.of(second),
                "application",
                List.of(Map.of("path", "p"))));

        assertThat(found)
                .containsExactly(
                        "application_pool[0].start_mode: \"Eager\" is not allowed; use \"OnDemand\" or"
                                + " \"AlwaysRunning\"",
                        "application_pool[0].idle_timeout: \"30s\" is not allowed; use whole minutes from 0s to 30d"
                                + " (IIS processModel.idleTimeout)",
                        "applicationPool[0].queue_length: 5 is not allowed; use a whole number from 10 to 65535",
                        "applicationPool[0].start_time_limit: \"0s\" is not allowed; use whole seconds from 1s to"
                                + " 49d17h2m47s (IIS processModel.startupTimeLimit)");
    }

    @Test
    void extensionNamingACatalogueAttribute_isCheckedInIisText() {
        Map<String, Object> pool = Map.of(
                "extension",
                List.of(
                        Map.of("name", "queueLength", "value", "5"),
                        Map.of("name", "processModel.idleTimeout", "value", "00:00:30"),
                        Map.of("name", "startMode", "value", "Eager"),
                        Map.of("name", "enable32BitAppOnWin64", "value", "yes"),
                        Map.of("name", "processModel.shutdownTimeLimit", "value", "00:00:45"),
                        Map.of("name", "autoStart", "value", "anything")));

        assertThat(poolViolations("application_pool", pool))
                .containsExactly(
                        "application_pool[0].extension[0].value: \"5\" is not allowed for IIS queueLength; use a whole"
                                + " number from 10 to 65535",
                        "application_pool[0].extension[1].value: \"00:00:30\" is not allowed for IIS"
                                + " processModel.idleTimeout; use a time span \"[d.]hh:mm:ss\" in whole minutes from 0s"
                                + " to 30d",
                        "application_pool[0].extension[2].value: \"Eager\" is not allowed for IIS startMode; use"
                                + " \"OnDemand\" or \"AlwaysRunning\"",
                        "application_pool[0].extension[3].value: \"yes\" is not allowed for IIS enable32BitAppOnWin64;"
                                + " use \"true\" or \"false\"");
    }
}
