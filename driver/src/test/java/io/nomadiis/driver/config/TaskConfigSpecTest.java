package io.nomadiis.driver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nomadiis.driver.config.msgpack.Bytes;
import io.nomadiis.driver.config.msgpack.CtyMsgpackWriter;
import io.nomadiis.iis.Extension;
import io.nomadiis.iis.PipelineMode;
import io.nomadiis.iis.PoolAttribute;
import io.nomadiis.iis.PoolIdentity;
import io.nomadiis.iis.PoolSettings;
import io.nomadiis.iis.ServiceUnavailableResponse;
import io.nomadiis.iis.StartMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskConfigSpecTest {

    @Test
    void decode_minimalConfig_appliesDefaults() throws Exception {
        IisTaskConfig config = decode(Map.of("application", List.of(Map.of("path", "local/site"))));

        assertThat(config.applications()).singleElement().satisfies(app -> {
            assertThat(app.path()).isEqualTo("local/site");
            assertThat(app.alias()).isNull();
            assertThat(app.applicationPool()).isEqualTo("default");
            assertThat(app.enablePreload()).isNull();
            assertThat(app.virtualDirectories()).isEmpty();
            assertThat(app.extensions()).isEmpty();
        });
        assertThat(config.applicationPools()).singleElement().isEqualTo(AppPoolDecoder.implicitDefault());
        assertThat(config.permitIusr()).isTrue();
        assertThat(config.targetWebsite()).isNull();
        assertThat(config.bindings()).isEmpty();
        assertThat(config.serviceAutoStartProviders()).isEmpty();
        assertThat(config.logFiles()).isEmpty();
    }

    @Test
    void decode_everyPoolAttribute_isKept() throws Exception {
        Map<String, Object> pool = new HashMap<>();
        pool.put("name", "web");
        pool.put("identity", "specificuser");
        pool.put("username", "svc-web");
        pool.put("password", "s3cret");
        pool.put("managed_pipeline_mode", "classic");
        pool.put("managed_runtime_version", "None");
        pool.put("enable_32bit_app_on_win64", true);
        pool.put("start_mode", "ALWAYSRUNNING");
        pool.put("idle_timeout", "1h30m");
        pool.put("disable_overlapped_recycle", false);
        pool.put("periodic_restart", "1d 2h");
        pool.put("service_unavailable_response", "tcplevel");
        pool.put("queue_length", 2000);
        pool.put("start_time_limit", "00:01:30");
        pool.put("shutdown_time_limit", "45s");
        pool.put("extension", List.of(Map.of("name", "autoStart", "value", "true")));

        IisTaskConfig config = decode(Map.of(
                "application_pool",
                List.of(pool),
                "application",
                List.of(Map.of("path", "p", "application_pool", "WEB"))));

        AppPoolConfig web = config.applicationPools().get(0);
        assertThat(web)
                .isEqualTo(new AppPoolConfig(
                        "web",
                        PoolIdentity.SPECIFIC_USER,
                        "svc-web",
                        "s3cret",
                        PoolSettings.none()
                                .with(PoolAttribute.MANAGED_PIPELINE_MODE, PipelineMode.CLASSIC)
                                .with(PoolAttribute.MANAGED_RUNTIME_VERSION, "")
                                .with(PoolAttribute.ENABLE_32BIT_APP_ON_WIN64, true)
                                .with(PoolAttribute.START_MODE, StartMode.ALWAYS_RUNNING)
                                .with(PoolAttribute.IDLE_TIMEOUT, Duration.ofMinutes(90))
                                .with(PoolAttribute.DISALLOW_OVERLAPPING_ROTATION, false)
                                .with(PoolAttribute.PERIODIC_RESTART_TIME, Duration.ofHours(26))
                                .with(PoolAttribute.LOAD_BALANCER_CAPABILITIES, ServiceUnavailableResponse.TCP_LEVEL)
                                .with(PoolAttribute.QUEUE_LENGTH, 2000L)
                                .with(PoolAttribute.STARTUP_TIME_LIMIT, Duration.ofSeconds(90))
                                .with(PoolAttribute.SHUTDOWN_TIME_LIMIT, Duration.ofSeconds(45)),
                        List.of(new Extension("autoStart", "true"))));
        assertThat(web.toString()).doesNotContain("s3cret");
        assertThat(config.applicationPools()).hasSize(2).last().isEqualTo(AppPoolDecoder.implicitDefault());
        assertThat(config.applications().get(0).applicationPool()).isEqualTo("web");
    }

    @Test
    void decode_runtimeVersions_mapNoneToEmpty() throws Exception {
        assertThat(runtime("v4.0")).isEqualTo("v4.0");
        assertThat(runtime("v2.0")).isEqualTo("v2.0");
        assertThat(runtime("None")).isEmpty();
    }

    @Test
    void decode_badRuntimeVersion_isRefused() {
        assertThat(violations(Map.of(
                        "application_pool",
                        List.of(Map.of("managed_runtime_version", "4.0")),
                        "application",
                        List.of(Map.of("path", "p")))))
                .containsExactly("application_pool[0].managed_runtime_version: \"4.0\" is not allowed; use \"v4.0\","
                        + " \"v2.0\" or \"None\" (no managed code)");
    }

    @Test
    void decode_badEnums_areRefusedNamingAllowedValues() {
        Map<String, Object> pool = Map.of(
                "name",
                "a",
                "managed_pipeline_mode",
                "Fast",
                "start_mode",
                "Eager",
                "service_unavailable_response",
                "Http",
                "identity",
                "Admin");

        assertThat(violations(Map.of("application_pool", List.of(pool), "application", List.of(Map.of("path", "p")))))
                .containsExactlyInAnyOrder(
                        "application_pool[0].identity: \"Admin\" is not allowed; use \"ApplicationPoolIdentity\","
                                + " \"LocalSystem\", \"LocalService\", \"NetworkService\" or \"SpecificUser\"",
                        "application_pool[0].managed_pipeline_mode: \"Fast\" is not allowed; use \"Integrated\" or"
                                + " \"Classic\"",
                        "application_pool[0].start_mode: \"Eager\" is not allowed; use \"OnDemand\" or"
                                + " \"AlwaysRunning\"",
                        "application_pool[0].service_unavailable_response: \"Http\" is not allowed; use \"HttpLevel\""
                                + " or \"TcpLevel\"");
    }

    @Test
    void decode_badDurations_areRefusedEach() {
        Map<String, Object> pool = Map.of(
                "idle_timeout",
                "10 minutes",
                "periodic_restart",
                "1h30",
                "start_time_limit",
                "25:00:00",
                "shutdown_time_limit",
                "");

        assertThat(violations(Map.of("application_pool", List.of(pool), "application", List.of(Map.of("path", "p")))))
                .hasSize(4)
                .contains("application_pool[0].idle_timeout: \"10 minutes\" is not a valid duration; use "
                        + DurationText.ALLOWED)
                .anySatisfy(v -> assertThat(v).startsWith("application_pool[0].periodic_restart: \"1h30\""))
                .anySatisfy(v -> assertThat(v).startsWith("application_pool[0].start_time_limit: \"25:00:00\""))
                .anySatisfy(v -> assertThat(v).startsWith("application_pool[0].shutdown_time_limit: \"\""));
    }

    @Test
    void decode_poolNameLongerThanEight_isRefused() {
        assertThat(violations(Map.of(
                        "application_pool",
                        List.of(Map.of("name", "frontends")),
                        "application",
                        List.of(Map.of("path", "p", "application_pool", "frontends")))))
                .containsExactly("application_pool[0].name: \"frontends\" is 9 characters long; at most 8 are allowed");
    }

    @Test
    void decode_duplicatePoolNames_areRefused() {
        assertThat(violations(Map.of(
                        "application_pool",
                        List.of(Map.of("name", "api"), Map.of("name", "API")),
                        "application",
                        List.of(Map.of("path", "p")))))
                .containsExactly("application_pool[1].name: \"API\" is already used by application_pool[0];"
                        + " pool names must be unique per task");
    }

    @Test
    void decode_deprecatedAlias_isConcatenatedAfterSnakeCase() throws Exception {
        IisTaskConfig config = decode(Map.of(
                "application_pool",
                List.of(Map.of("name", "a")),
                "applicationPool",
                List.of(Map.of("name", "b")),
                "application",
                List.of(Map.of("path", "p", "application_pool", "b"))));

        assertThat(config.applicationPools()).extracting(AppPoolConfig::name).containsExactly("a", "b", "default");
        assertThat(config.applications().get(0).applicationPool()).isEqualTo("b");
    }

    @Test
    void decode_applicationWithoutPool_referencesDefaultNotFirstDeclared() throws Exception {
        IisTaskConfig config = decode(Map.of(
                "application_pool",
                List.of(Map.of("name", "web"), Map.of("name", "api")),
                "application",
                List.of(Map.of("path", "p"), Map.of("path", "q", "alias", "q", "application_pool", "API"))));

        assertThat(config.applicationPools()).extracting(AppPoolConfig::name).containsExactly("web", "api", "default");
        assertThat(config.applications())
                .extracting(ApplicationConfig::applicationPool)
                .containsExactly("default", "api");
    }

    @Test
    void decode_deprecatedAliasDuplicate_namesItsOwnBlock() {
        assertThat(violations(Map.of(
                        "application_pool",
                        List.of(Map.of("name", "a")),
                        "applicationPool",
                        List.of(Map.of("name", "a")),
                        "application",
                        List.of(Map.of("path", "p")))))
                .containsExactly("applicationPool[0].name: \"a\" is already used by application_pool[0];"
                        + " pool names must be unique per task");
    }

    @Test
    void decode_explicitDefaultPool_addsNoImplicitOne() throws Exception {
        IisTaskConfig config = decode(Map.of(
                "application_pool",
                List.of(Map.of("start_mode", "OnDemand")),
                "application",
                List.of(Map.of("path", "p"))));

        assertThat(config.applicationPools()).singleElement().satisfies(pool -> {
            assertThat(pool.name()).isEqualTo("default");
            assertThat(pool.settings().get(PoolAttribute.START_MODE)).isEqualTo(StartMode.ON_DEMAND);
        });
    }

    @Test
    void decode_unknownPoolReference_isRefused() {
        assertThat(violations(Map.of(
                        "application_pool",
                        List.of(Map.of("name", "one")),
                        "application",
                        List.of(Map.of("path", "p", "application_pool", "two")))))
                .containsExactly("application[0].application_pool: \"two\" names no application_pool of this task;"
                        + " use \"one\"");
    }

    @Test
    void decode_specificUserWithoutUsername_isRefused() {
        assertThat(violations(Map.of(
                        "application_pool",
                        List.of(Map.of("identity", "SpecificUser")),
                        "application",
                        List.of(Map.of("path", "p")))))
                .containsExactly("application_pool[0].username: required when identity is \"SpecificUser\"");
    }

    @Test
    void decode_queueLengthOutOfRange_isRefused() {
        assertThat(violations(Map.of(
                        "application_pool",
                        List.of(Map.of("queue_length", 1.5)),
                        "application",
                        List.of(Map.of("path", "p")))))
                .containsExactly(
                        "application_pool[0].queue_length: 1.5 is not allowed; use a whole number from 10 to 65535");
    }

    @Test
    void decode_applicationAttributes_areKept() throws Exception {
        Map<String, Object> app = new HashMap<>();
        app.put("path", "local/api");
        app.put("alias", "/api");
        app.put("enable_preload", true);
        app.put("service_auto_start_enabled", true);
        app.put("service_auto_start_provider", "warmup");
        app.put(
                "virtual_directory",
                List.of(Map.of(
                        "alias",
                        "/static",
                        "path",
                        "local/static",
                        "extension",
                        List.of(Map.of("name", "logonMethod", "value", "Network")))));
        app.put("extension", List.of(Map.of("name", "preloadEnabled", "value", "true")));

        IisTaskConfig config = decode(Map.of(
                "application",
                List.of(app),
                "service_auto_start_provider",
                List.of(Map.of("name", "warmup", "type", "App.Warmup, App"))));

        assertThat(config.applications().get(0))
                .isEqualTo(new ApplicationConfig(
                        "local/api",
                        "api",
                        "default",
                        true,
                        true,
                        "warmup",
                        List.of(new VirtualDirectoryConfig(
                                "static", "local/static", List.of(new Extension("logonMethod", "Network")))),
                        List.of(new Extension("preloadEnabled", "true"))));
        assertThat(config.serviceAutoStartProviders())
                .containsExactly(new AutoStartProviderConfig("warmup", "App.Warmup, App"));
    }

    @Test
    void decode_noApplication_isRefused() {
        assertThat(violations(Map.of())).containsExactly("application: at least 1 block required, got 0");
    }

    @Test
    void decode_zeroLengthBytes_reportsMissingApplication() {
        InvalidConfigException e =
                catchThrowableOfType(InvalidConfigException.class, () -> TaskConfigSpec.decode(new byte[0]));

        assertThat(e.violations()).containsExactly("application: at least 1 block required, got 0");
    }

    @Test
    void decode_missingRequiredAttributes_areNamed() {
        assertThat(violations(Map.of(
                        "application",
                        List.of(Map.of(
                                "alias",
                                "x",
                                "virtual_directory",
                                List.of(Map.of("alias", "v")),
                                "extension",
                                List.of(Map.of("name", "n")))))))
                .containsExactlyInAnyOrder(
                        "application[0].path: attribute is required",
                        "application[0].virtual_directory[0].path: attribute is required",
                        "application[0].extension[0].value: attribute is required");
    }

    @Test
    void decode_duplicateApplicationAliases_areRefusedIgnoringLeadingSlash() {
        assertThat(violations(Map.of(
                        "application",
                        List.of(
                                Map.of("path", "a", "alias", "api"),
                                Map.of("path", "b", "alias", "/api"),
                                Map.of("path", "c"),
                                Map.of("path", "d", "alias", "/")))))
                .containsExactly(
                        "application[1].alias: \"api\" is already used by application[0]; application aliases must be"
                                + " unique per task",
                        "application[3].alias: the root application (no alias) is already used by application[2];"
                                + " application aliases must be unique per task");
    }

    @Test
    void decode_duplicateVirtualDirectoryAliases_areRefusedPerApplication() throws Exception {
        Map<String, Object> vdir = Map.of("alias", "static", "path", "s");
        assertThat(violations(Map.of(
                        "application",
                        List.of(Map.of(
                                "path",
                                "a",
                                "virtual_directory",
                                List.of(vdir, Map.of("alias", "/Static", "path", "t")))))))
                .containsExactly("application[0].virtual_directory[1].alias: \"Static\" is already used by"
                        + " application[0].virtual_directory[0]; virtual directory aliases must be unique per"
                        + " application");

        IisTaskConfig ok = decode(Map.of(
                "application",
                List.of(
                        Map.of("path", "a", "virtual_directory", List.of(vdir)),
                        Map.of("path", "b", "alias", "b", "virtual_directory", List.of(vdir)))));
        assertThat(ok.applications())
                .allSatisfy(app -> assertThat(app.virtualDirectories()).hasSize(1));
    }

    @Test
    void decode_targetWebsite_requiresAliasOnEveryApplication() {
        assertThat(violations(Map.of(
                        "target_website",
                        "Default Web Site",
                        "application",
                        List.of(Map.of("path", "a"), Map.of("path", "b", "alias", "b")))))
                .containsExactly("application[0].alias: required when target_website is set (the existing site keeps"
                        + " its root application)");
    }

    @Test
    void decode_targetWebsiteAndPermitIusr_areKept() throws Exception {
        IisTaskConfig config = decode(Map.of(
                "target_website",
                "Default Web Site",
                "permit_iusr",
                false,
                "application",
                List.of(Map.of("path", "a", "alias", "app"))));

        assertThat(config.targetWebsite()).isEqualTo("Default Web Site");
        assertThat(config.permitIusr()).isFalse();
    }

    @Test
    void decode_logFiles_keptWhenRelative() throws Exception {
        IisTaskConfig config = decode(Map.of(
                "log_files",
                List.of("local/logs/*.log", "alloc/logs/app-*.txt"),
                "application",
                List.of(Map.of("path", "a"))));

        assertThat(config.logFiles()).containsExactly("local/logs/*.log", "alloc/logs/app-*.txt");
    }

    @Test
    void decode_logFilesOutsideTaskDir_areRefused() {
        assertThat(violations(Map.of(
                        "log_files",
                        List.of("/var/log/*.log", "C:\\logs\\*.log", "local/../../x", "ok/*.log"),
                        "application",
                        List.of(Map.of("path", "a")))))
                .containsExactly(
                        "log_files[0]: \"/var/log/*.log\" is not allowed; use a relative glob under the task dir,"
                                + " e.g. \"local/logs/*.log\"",
                        "log_files[1]: \"C:\\logs\\*.log\" is not allowed; use a relative glob under the task dir,"
                                + " e.g. \"local/logs/*.log\"",
                        "log_files[2]: \"local/../../x\" is not allowed; use a relative glob under the task dir, e.g."
                                + " \"local/logs/*.log\"");
    }

    @Test
    void decode_severalViolationsAcrossBlocks_areReportedTogether() {
        InvalidConfigException e = catchThrowableOfType(
                InvalidConfigException.class,
                () -> TaskConfigSpec.decode(CtyMsgpackWriter.encode(
                        TaskConfigSpec.spec(),
                        Map.of(
                                "application_pool", List.of(Map.of("name", "toolongname")),
                                "application", List.of(Map.of("path", "a", "application_pool", "nope")),
                                "binding", List.of(Map.of("type", "ftp", "port", "web"))))));

        assertThat(e.violations()).hasSize(3);
        assertThat(e.getMessage())
                .startsWith("invalid config: ")
                .contains("application_pool[0].name")
                .contains("application[0].application_pool")
                .contains("binding[0].type: \"ftp\"");
    }

    @Test
    void decode_handWrittenBytesWithUnsignedAndNilMarkers_decode() throws Exception {
        byte[] bytes = Bytes.of("83 ab \"application\" 91 81 a4 \"path\" a4 \"site\""
                + " b0 \"application_pool\" 91 82 a4 \"name\" a3 \"web\" ac \"queue_length\" cd 07 d0"
                + " ab \"permit_iusr\" c0");

        IisTaskConfig config = TaskConfigSpec.decode(bytes);

        assertThat(config.applicationPools().get(0).settings().get(PoolAttribute.QUEUE_LENGTH))
                .isEqualTo(2000L);
        assertThat(config.applications().get(0).applicationPool()).isEqualTo("default");
        assertThat(config.permitIusr()).isTrue();
    }

    @Test
    void decode_queueLengthAsFloat64AndDecimalString_decode() throws Exception {
        byte[] asFloat = Bytes.of("82 ab \"application\" 91 81 a4 \"path\" a1 \"p\""
                + " b0 \"application_pool\" 91 81 ac \"queue_length\" cb 40 9f 40 00 00 00 00 00");
        byte[] asString = Bytes.of("82 ab \"application\" 91 81 a4 \"path\" a1 \"p\""
                + " b0 \"application_pool\" 91 81 ac \"queue_length\" a4 \"2000\"");

        assertThat(TaskConfigSpec.decode(asFloat)
                        .applicationPools()
                        .get(0)
                        .settings()
                        .get(PoolAttribute.QUEUE_LENGTH))
                .isEqualTo(2000L);
        assertThat(TaskConfigSpec.decode(asString)
                        .applicationPools()
                        .get(0)
                        .settings()
                        .get(PoolAttribute.QUEUE_LENGTH))
                .isEqualTo(2000L);
    }

    static IisTaskConfig decode(Map<String, ?> config) throws InvalidConfigException {
        return TaskConfigSpec.decode(CtyMsgpackWriter.encode(TaskConfigSpec.spec(), config));
    }

    static List<String> violations(Map<String, ?> config) {
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> decode(config));
        assertThat(e).as("config should be refused").isNotNull();
        return e.violations();
    }

    private static String runtime(String version) throws InvalidConfigException {
        return decode(Map.of(
                        "application_pool",
                        List.of(Map.of("managed_runtime_version", version)),
                        "application",
                        List.of(Map.of("path", "p"))))
                .applicationPools()
                .get(0)
                .settings()
                .get(PoolAttribute.MANAGED_RUNTIME_VERSION);
    }
}
