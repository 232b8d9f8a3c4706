package io.nomadiis.driver.config;

import static io.nomadiis.driver.config.PoolSettingSpec.setting;
import static io.nomadiis.driver.config.spec.HclType.BOOL;
import static io.nomadiis.driver.config.spec.HclType.STRING;
import static io.nomadiis.driver.config.spec.HclType.list;
import static io.nomadiis.driver.config.spec.Spec.attr;
import static io.nomadiis.driver.config.spec.Spec.block;
import static io.nomadiis.driver.config.spec.Spec.blockList;
import static io.nomadiis.driver.config.spec.Spec.defaulted;
import static io.nomadiis.driver.config.spec.Spec.object;

import io.nomadiis.driver.config.msgpack.CtyMsgpackReader;
import io.nomadiis.driver.config.spec.Spec;
import io.nomadiis.iis.PoolAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A task's {@code config { ... }} surface: the spec Nomad receives from {@code TaskConfigSchema} and the
 * decoder of {@code msgpack_driver_config}, which enforces every rule of the job surface and reports all
 * violations together.
 */
public final class TaskConfigSpec {

    /** The most bindings a task may declare. */
    public static final int MAX_BINDINGS = 64;
    /** The longest application pool alias. */
    public static final int MAX_POOL_NAME = 8;
    /** The implicit pool's alias. */
    public static final String DEFAULT_POOL = "default";

    private static final Spec EXTENSION =
            blockList("extension", 0, 0, object(attr("name", STRING, true), attr("value", STRING, true)));

    /**
     * The {@code application_pool} attributes that set one IIS attribute each, in the order the job surface lists
     * them: the one declaration of each (HCL name here; IIS path, type and validation in {@link PoolAttribute}).
     */
    static final List<PoolSettingSpec<?>> POOL_SETTINGS = List.of(
            setting("managed_pipeline_mode", PoolAttribute.MANAGED_PIPELINE_MODE),
            setting("managed_runtime_version", PoolAttribute.MANAGED_RUNTIME_VERSION, AppPoolDecoder::runtimeVersion),
            setting("enable_32bit_app_on_win64", PoolAttribute.ENABLE_32BIT_APP_ON_WIN64),
            setting("start_mode", PoolAttribute.START_MODE),
            setting("idle_timeout", PoolAttribute.IDLE_TIMEOUT),
            setting("disable_overlapped_recycle", PoolAttribute.DISALLOW_OVERLAPPING_ROTATION),
            setting("periodic_restart", PoolAttribute.PERIODIC_RESTART_TIME),
            setting("service_unavailable_response", PoolAttribute.LOAD_BALANCER_CAPABILITIES),
            setting("queue_length", PoolAttribute.QUEUE_LENGTH),
            setting("start_time_limit", PoolAttribute.STARTUP_TIME_LIMIT),
            setting("shutdown_time_limit", PoolAttribute.SHUTDOWN_TIME_LIMIT));

    private static final Spec.Obj POOL = object(Stream.of(
                    Stream.of(
                            defaulted("name", STRING, DEFAULT_POOL),
                            defaulted("identity", STRING, "ApplicationPoolIdentity"),
                            attr("username", STRING, false),
                            attr("password", STRING, false)),
                    POOL_SETTINGS.stream().map(PoolSettingSpec::spec),
                    Stream.of(EXTENSION))
            .flatMap(s -> s)
            .toArray(Spec[]::new));

    private static final Spec.Obj APPLICATION = object(
            attr("path", STRING, true),
            attr("alias", STRING, false),
            defaulted("application_pool", STRING, DEFAULT_POOL),
            attr("enable_preload", BOOL, false),
            attr("service_auto_start_enabled", BOOL, false),
            attr("service_auto_start_provider", STRING, false),
            blockList(
                    "virtual_directory",
                    0,
                    0,
                    object(attr("alias", STRING, true), attr("path", STRING, true), EXTENSION)),
            EXTENSION);

    private static final Spec.Obj CERTIFICATE = object(
            attr("thumbprint", STRING, false),
            attr("pfx_file", STRING, false),
            attr("password", STRING, false),
            attr("cert_file", STRING, false),
            attr("key_file", STRING, false),
            defaulted("use_self_signed", BOOL, false));

    private static final Spec.Obj BINDING = object(
            attr("type", STRING, true),
            attr("port", STRING, true),
            attr("hostname", STRING, false),
            defaulted("ip_address", STRING, "*"),
            defaulted("require_sni", BOOL, false),
            block("certificate", false, CERTIFICATE));

    private static final Spec.Obj SPEC = object(
            blockList("application_pool", 0, 0, POOL),
            blockList("applicationPool", 0, 0, POOL),
            blockList("application", 1, 0, APPLICATION),
            blockList("binding", 0, MAX_BINDINGS, BINDING),
            blockList(
                    "service_auto_start_provider",
                    0,
                    0,
                    object(attr("name", STRING, true), attr("type", STRING, true))),
            attr("target_website", STRING, false),
            defaulted("permit_iusr", BOOL, true),
            attr("log_files", list(STRING), false),
            defaulted("iis_log", BOOL, false));

    private TaskConfigSpec() {}

    /** The task config spec, as sent by {@code TaskConfigSchema}. */
    public static Spec spec() {
        return SPEC;
    }

    /**
     * Decodes and validates a task's {@code msgpack_driver_config}.
     *
     * @throws InvalidConfigException listing every violation
     */
    public static IisTaskConfig decode(byte[] msgpack) throws InvalidConfigException {
        List<String> violations = new ArrayList<>();
        Map<String, Object> values = CtyMsgpackReader.read(SPEC, msgpack, violations);
        IisTaskConfig config = new TaskConfigDecoder(new ConfigBlock("", values, violations)).decode();
        InvalidConfigException.throwIfAny(violations);
        return config;
    }
}
