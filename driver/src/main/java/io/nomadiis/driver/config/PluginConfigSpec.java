package io.nomadiis.driver.config;

import static io.nomadiis.driver.config.spec.HclType.BOOL;
import static io.nomadiis.driver.config.spec.HclType.STRING;
import static io.nomadiis.driver.config.spec.HclType.list;
import static io.nomadiis.driver.config.spec.Spec.block;
import static io.nomadiis.driver.config.spec.Spec.defaulted;
import static io.nomadiis.driver.config.spec.Spec.object;

import io.nomadiis.driver.config.msgpack.CtyMsgpackReader;
import io.nomadiis.driver.config.spec.Spec;
import io.nomadiis.iis.PoolIdentity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The agent's {@code plugin "nomad_iis" { config { ... } }} surface: the spec Nomad receives from
 * {@code ConfigSchema} and the decoder of the bytes it sends to {@code SetConfig}. Defaults live in the spec
 * (Nomad applies them) and the decoder applies the same ones to nil, missing or zero-length input.
 */
public final class PluginConfigSpec {

    /** The lowest accepted {@code fingerprint_interval}. */
    public static final Duration MIN_FINGERPRINT_INTERVAL = Duration.ofSeconds(10);
    /** Default {@code placeholder_app_path}. */
    public static final String DEFAULT_PLACEHOLDER_APP_PATH = "C:\\inetpub\\wwwroot";
    /** Default {@code procdump.binary_path}. */
    public static final String DEFAULT_PROCDUMP_PATH = "C:\\procdump.exe";

    private static final Spec.Obj SPEC = object(
            defaulted("enabled", BOOL, true),
            defaulted("fingerprint_interval", STRING, "30s"),
            defaulted("directory_security", BOOL, true),
            defaulted("allowed_target_websites", list(STRING), List.of()),
            defaulted(
                    "allowed_apppool_identities",
                    list(STRING),
                    List.of(PoolIdentity.APPLICATION_POOL_IDENTITY.iisName())),
            defaulted("allowed_apppool_users", list(STRING), List.of()),
            defaulted("placeholder_app_path", STRING, DEFAULT_PLACEHOLDER_APP_PATH),
            block(
                    "procdump",
                    false,
                    object(
                            defaulted("binary_path", STRING, DEFAULT_PROCDUMP_PATH),
                            defaulted("accept_eula", BOOL, false))));

    private PluginConfigSpec() {}

    /** The agent config spec, as sent by {@code ConfigSchema}. */
    public static Spec spec() {
        return SPEC;
    }

    /**
     * Decodes and validates {@code SetConfig}'s {@code msgpack_config}; zero-length bytes give every default.
     *
     * @throws InvalidConfigException listing every violation
     */
    public static PluginConfig decode(byte[] msgpack) throws InvalidConfigException {
        List<String> violations = new ArrayList<>();
        Map<String, Object> values = CtyMsgpackReader.read(SPEC, msgpack, violations);
        ConfigBlock root = new ConfigBlock("", values, violations);
        Duration interval = fingerprintInterval(root);
        List<String> identities = root.strings("allowed_apppool_identities");
        List<String> known =
                Arrays.stream(PoolIdentity.values()).map(PoolIdentity::iisName).toList();
        for (int i = 0; i < identities.size(); i++) {
            if (!known.contains(identities.get(i))) {
                root.reject(
                        "allowed_apppool_identities[" + i + "]",
                        ConfigBlock.quote(identities.get(i)) + " is not an identity; use " + ConfigBlock.oneOf(known)
                                + " (case-sensitive)");
            }
        }
        String placeholder = root.string("placeholder_app_path");
        ConfigBlock procdumpBlock = root.block("procdump");
        ProcdumpConfig procdump = procdumpBlock == null
                ? null
                : new ProcdumpConfig(
                        orDefault(procdumpBlock.string("binary_path"), DEFAULT_PROCDUMP_PATH),
                        procdumpBlock.bool("accept_eula", false));
        InvalidConfigException.throwIfAny(violations);
        return new PluginConfig(
                root.bool("enabled", true),
                interval,
                root.bool("directory_security", true),
                root.strings("allowed_target_websites"),
                identities,
                root.strings("allowed_apppool_users"),
                placeholder == null || placeholder.isBlank() ? null : placeholder,
                procdump);
    }

    private static Duration fingerprintInterval(ConfigBlock root) {
        String text = root.string("fingerprint_interval");
        Duration interval = root.duration("fingerprint_interval");
        if (interval != null && interval.compareTo(MIN_FINGERPRINT_INTERVAL) < 0) {
            root.reject("fingerprint_interval", ConfigBlock.quote(text) + " is below the minimum of 10s");
        }
        return interval;
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
