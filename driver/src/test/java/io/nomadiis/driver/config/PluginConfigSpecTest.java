package io.nomadiis.driver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nomadiis.driver.config.msgpack.Bytes;
import io.nomadiis.driver.config.msgpack.CtyMsgpackWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginConfigSpecTest {

    @Test
    void decode_zeroLengthBytes_givesEveryDefault() throws Exception {
        PluginConfig config = PluginConfigSpec.decode(new byte[0]);

        assertDefaults(config);
        assertThat(config.procdump()).isNull();
    }

    @Test
    void decode_emptyConfigAsNomadEncodesIt_givesEveryDefault() throws Exception {
        byte[] bytes = CtyMsgpackWriter.encode(PluginConfigSpec.spec(), Map.of());

        assertDefaults(PluginConfigSpec.decode(bytes));
    }

    /** What Nomad sends for an empty {@code config {}} block: every key, the spec's defaults filled in. */
    private static final byte[] EMPTY_BLOCK_AS_NOMAD_SENDS_IT = Bytes.of("88"
            + " ba \"allowed_apppool_identities\" 91 b7 \"ApplicationPoolIdentity\""
            + " b5 \"allowed_apppool_users\" 90 b7 \"allowed_target_websites\" 90 b2 \"directory_security\" c3"
            + " a7 \"enabled\" c3 b4 \"fingerprint_interval\" a3 \"30s\""
            + " b4 \"placeholder_app_path\" b2 \"C:\\inetpub\\wwwroot\" a8 \"procdump\" c0");

    @Test
    void encode_emptyConfig_matchesHandWrittenCtyBytes() {
        byte[] bytes = CtyMsgpackWriter.encode(PluginConfigSpec.spec(), Map.of());

        assertThat(Bytes.hex(bytes)).isEqualTo(Bytes.hex(EMPTY_BLOCK_AS_NOMAD_SENDS_IT));
    }

    @Test
    void decode_handWrittenEmptyBlockBytes_givesEveryDefault() throws Exception {
        assertDefaults(PluginConfigSpec.decode(EMPTY_BLOCK_AS_NOMAD_SENDS_IT));
    }

    @Test
    void decode_allNilAttributes_appliesDefaults() throws Exception {
        byte[] bytes = Bytes.of("88 ba \"allowed_apppool_identities\" c0 b5 \"allowed_apppool_users\" c0"
                + " b7 \"allowed_target_websites\" c0 b2 \"directory_security\" c0 a7 \"enabled\" c0"
                + " b4 \"fingerprint_interval\" c0 b4 \"placeholder_app_path\" c0 a8 \"procdump\" c0");

        assertDefaults(PluginConfigSpec.decode(bytes));
    }

    @Test
    void decode_everyAttributeSet_isKept() throws Exception {
        Map<String, Object> values = new HashMap<>();
        values.put("enabled", false);
        values.put("fingerprint_interval", "1m 30s");
        values.put("directory_security", false);
        values.put("allowed_target_websites", List.of("Default Web Site", "*"));
        values.put("allowed_apppool_identities", List.of("LocalSystem", "SpecificUser"));
        values.put("allowed_apppool_users", List.of("svc-web"));
        values.put("placeholder_app_path", "D:\\placeholder");
        values.put("procdump", Map.of("binary_path", "D:\\tools\\procdump64.exe", "accept_eula", true));

        PluginConfig config = PluginConfigSpec.decode(CtyMsgpackWriter.encode(PluginConfigSpec.spec(), values));

        assertThat(config.enabled()).isFalse();
        assertThat(config.fingerprintInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.directorySecurity()).isFalse();
        assertThat(config.allowedTargetWebsites()).containsExactly("Default Web Site", "*");
        assertThat(config.allowedAppPoolIdentities()).containsExactly("LocalSystem", "SpecificUser");
        assertThat(config.allowedAppPoolUsers()).containsExactly("svc-web");
        assertThat(config.placeholderAppPath()).isEqualTo("D:\\placeholder");
        assertThat(config.procdump()).isEqualTo(new ProcdumpConfig("D:\\tools\\procdump64.exe", true));
    }

    @Test
    void decode_emptyProcdumpBlock_appliesItsDefaults() throws Exception {
        PluginConfig config =
                PluginConfigSpec.decode(CtyMsgpackWriter.encode(PluginConfigSpec.spec(), Map.of("procdump", Map.of())));

        assertThat(config.procdump()).isEqualTo(new ProcdumpConfig("C:\\procdump.exe", false));
    }

    @Test
    void decode_emptyPlaceholderPath_disablesPlaceholder() throws Exception {
        PluginConfig config = PluginConfigSpec.decode(
                CtyMsgpackWriter.encode(PluginConfigSpec.spec(), Map.of("placeholder_app_path", "")));

        assertThat(config.placeholderAppPath()).isNull();
    }

    @Test
    void decode_emptyIdentityList_isKeptEmpty() throws Exception {
        PluginConfig config = PluginConfigSpec.decode(
                CtyMsgpackWriter.encode(PluginConfigSpec.spec(), Map.of("allowed_apppool_identities", List.of())));

        assertThat(config.allowedAppPoolIdentities()).isEmpty();
    }

    @Test
    void decode_fingerprintIntervalFormats_areParsed() throws Exception {
        assertThat(interval("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(interval("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(interval("00:00:45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(interval("1w")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void decode_fingerprintIntervalBelowTenSeconds_isRefusedNamingAttributeAndValue() {
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> interval("5s"));

        assertThat(e.violations()).containsExactly("fingerprint_interval: \"5s\" is below the minimum of 10s");
        assertThat(e).hasMessageContaining("fingerprint_interval").hasMessageContaining("5s");
    }

    @Test
    void decode_fingerprintIntervalNotADuration_isRefused() {
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> interval("soon"));

        assertThat(e.violations())
                .singleElement()
                .asString()
                .startsWith("fingerprint_interval: \"soon\" is not a valid duration; use a duration like");
    }

    @Test
    void decode_unknownIdentity_isRefusedWithAllowedValues() {
        InvalidConfigException e = catchThrowableOfType(
                InvalidConfigException.class,
                () -> PluginConfigSpec.decode(CtyMsgpackWriter.encode(
                        PluginConfigSpec.spec(),
                        Map.of("allowed_apppool_identities", List.of("LocalSystem", "localservice")))));

        assertThat(e.violations())
                .containsExactly("allowed_apppool_identities[1]: \"localservice\" is not an identity;"
                        + " use \"ApplicationPoolIdentity\", \"LocalSystem\", \"LocalService\", \"NetworkService\" or"
                        + " \"SpecificUser\" (case-sensitive)");
    }

    @Test
    void decode_severalViolations_areReportedTogether() {
        InvalidConfigException e = catchThrowableOfType(
                InvalidConfigException.class,
                () -> PluginConfigSpec.decode(CtyMsgpackWriter.encode(
                        PluginConfigSpec.spec(),
                        Map.of("fingerprint_interval", "1s", "allowed_apppool_identities", List.of("Root")))));

        assertThat(e.violations()).hasSize(2);
        assertThat(e.getMessage()).contains("fingerprint_interval").contains("Root");
    }

    @Test
    void decode_wrongTypeFromHandWrittenBytes_isReported() {
        byte[] bytes = Bytes.of("81 a7 \"enabled\" a3 \"yes\"");

        assertThatThrownBy(() -> PluginConfigSpec.decode(bytes))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("enabled: expected a bool, got string");
    }

    @Test
    void decode_unknownKey_isTolerated() throws Exception {
        byte[] bytes = Bytes.of("82 a7 \"enabled\" c2 a9 \"stats_int\" cd 01 00");

        assertThat(PluginConfigSpec.decode(bytes).enabled()).isFalse();
    }

    @Test
    void decode_malformedBytes_isReported() {
        assertThatThrownBy(() -> PluginConfigSpec.decode(Bytes.of("82 a7")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("malformed msgpack");
    }

    private static Duration interval(String text) throws InvalidConfigException {
        return PluginConfigSpec.decode(
                        CtyMsgpackWriter.encode(PluginConfigSpec.spec(), Map.of("fingerprint_interval", text)))
                .fingerprintInterval();
    }

    private static void assertDefaults(PluginConfig config) {
        assertThat(config.enabled()).isTrue();
        assertThat(config.fingerprintInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.directorySecurity()).isTrue();
        assertThat(config.allowedTargetWebsites()).isEmpty();
        assertThat(config.allowedAppPoolIdentities()).containsExactly("ApplicationPoolIdentity");
        assertThat(config.allowedAppPoolUsers()).isEmpty();
        assertThat(config.placeholderAppPath()).isEqualTo("C:\\inetpub\\wwwroot");
    }
}
