package io.nomadiis.driver.config;

import static io.nomadiis.driver.config.TaskConfigSpecTest.decode;
import static io.nomadiis.driver.config.TaskConfigSpecTest.violations;
import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.iis.PoolAttribute;
import io.nomadiis.iis.PoolIdentity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskConfigEdgeCaseTest {

    private static final List<Map<String, Object>> ONE_APP = List.of(Map.of("path", "p"));

    @Test
    void decode_declaredPoolWithoutIdentity_usesApplicationPoolIdentity() throws Exception {
        IisTaskConfig config =
                decode(Map.of("application_pool", List.of(Map.of("name", "web")), "application", ONE_APP));

        assertThat(config.applicationPools().get(0).identity()).isEqualTo(PoolIdentity.APPLICATION_POOL_IDENTITY);
        assertThat(config.applicationPools().get(0).settings().get(PoolAttribute.MANAGED_RUNTIME_VERSION))
                .isNull();
        assertThat(config.applicationPools().get(0).settings().get(PoolAttribute.QUEUE_LENGTH))
                .isNull();
    }

    @Test
    void decode_emptyPoolName_isRefused() {
        assertThat(violations(Map.of("application_pool", List.of(Map.of("name", " ")), "application", ONE_APP)))
                .containsExactly("application_pool[0].name: must not be empty");
    }

    @Test
    void decode_emptyExtensionName_isRefused() {
        assertThat(violations(Map.of(
                        "application",
                        List.of(Map.of("path", "p", "extension", List.of(Map.of("name", "", "value", "x")))))))
                .containsExactly("application[0].extension[0].name: must not be empty");
    }

    @Test
    void decode_virtualDirectoryAliasSlashOnly_isRefused() {
        assertThat(violations(Map.of(
                        "application",
                        List.of(Map.of("path", "p", "virtual_directory", List.of(Map.of("alias", "/", "path", "v")))))))
                .containsExactly("application[0].virtual_directory[0].alias: must name a directory, got \"/\"");
    }

    @Test
    void decode_duplicateAutoStartProviders_areRefused() {
        assertThat(violations(Map.of(
                        "application",
                        ONE_APP,
                        "service_auto_start_provider",
                        List.of(Map.of("name", "warm", "type", "A.B, A"), Map.of("name", "WARM", "type", "C.D, C")))))
                .containsExactly("service_auto_start_provider[1].name: \"WARM\" is already declared by"
                        + " service_auto_start_provider[0]");
    }

    @Test
    void decode_autoStartProviderWithoutType_isRefused() {
        assertThat(violations(
                        Map.of("application", ONE_APP, "service_auto_start_provider", List.of(Map.of("name", "warm")))))
                .containsExactly("service_auto_start_provider[0].type: attribute is required");
    }

    @Test
    void decode_emptyBindingPort_isRefused() {
        assertThat(violations(Map.of("application", ONE_APP, "binding", List.of(Map.of("type", "http", "port", "")))))
                .containsExactly("binding[0].port: must not be empty; use a port label of the group's network block");
    }

    @Test
    void decode_iisLog_defaultsOff_andIsRefusedWithTargetWebsite() throws Exception {
        assertThat(decode(Map.of("application", ONE_APP)).iisLog()).isFalse();
        assertThat(decode(Map.of("application", ONE_APP, "iis_log", true)).iisLog())
                .isTrue();
        assertThat(violations(Map.of(
                        "iis_log",
                        true,
                        "target_website",
                        "Default Web Site",
                        "application",
                        List.of(Map.of("path", "p", "alias", "api")))))
                .singleElement()
                .satisfies(v -> assertThat(v).contains("iis_log").contains("target_website"));
    }

    @Test
    void decode_blankTargetWebsite_meansNone() throws Exception {
        assertThat(decode(Map.of("target_website", "", "application", ONE_APP)).targetWebsite())
                .isNull();
    }

    @Test
    void decode_aliasVariants_areNormalised() throws Exception {
        IisTaskConfig config = decode(Map.of(
                "application",
                List.of(
                        Map.of("path", "a", "alias", "//api"),
                        Map.of("path", "b", "alias", "/"),
                        Map.of("path", "c", "alias", "app/v2"))));

        assertThat(config.applications()).extracting(ApplicationConfig::alias).containsExactly("api", null, "app/v2");
    }

    @Test
    void decode_poolNameExactlyEight_isAccepted() throws Exception {
        IisTaskConfig config = decode(Map.of(
                "application_pool",
                List.of(Map.of("name", "abcdefgh")),
                "application",
                List.of(Map.of("path", "p", "application_pool", "abcdefgh"))));

        assertThat(config.applications().get(0).applicationPool()).isEqualTo("abcdefgh");
    }

    @Test
    void decode_unknownPoolWithoutDeclaredPools_suggestsDefault() {
        assertThat(violations(Map.of("application", List.of(Map.of("path", "p", "application_pool", "web")))))
                .containsExactly("application[0].application_pool: \"web\" names no application_pool of this task;"
                        + " declare it or use \"default\"");
    }
}
