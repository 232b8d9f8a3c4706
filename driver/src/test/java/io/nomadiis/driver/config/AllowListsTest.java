package io.nomadiis.driver.config;

import static io.nomadiis.driver.config.TaskConfigSpecTest.decode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllowListsTest {

    @Test
    void check_defaultAgentAndPlainTask_isAllowed() throws Exception {
        IisTaskConfig task = decode(Map.of("application", List.of(Map.of("path", "p"))));

        assertThat(AllowLists.check(PluginConfigSpec.decode(new byte[0]), task)).isEmpty();
    }

    @Test
    void check_identityNotAllowed_isReported() throws Exception {
        IisTaskConfig task = decode(Map.of(
                "application_pool",
                List.of(Map.of("name", "web", "identity", "localsystem")),
                "application",
                List.of(Map.of("path", "p", "application_pool", "web"))));

        assertThat(AllowLists.check(PluginConfigSpec.decode(new byte[0]), task))
                .containsExactly("application_pool \"web\": identity \"LocalSystem\" is not allowed by the agent;"
                        + " allowed_apppool_identities = [\"ApplicationPoolIdentity\"]");
    }

    @Test
    void check_unusedPool_isNotChecked() throws Exception {
        IisTaskConfig task = decode(Map.of(
                "application_pool",
                List.of(Map.of("name", "spare", "identity", "LocalSystem")),
                "application",
                List.of(Map.of("path", "p", "application_pool", "spare"))));
        PluginConfig noIdentities = agent(List.of("LocalSystem"), List.of(), List.of());

        assertThat(AllowLists.check(noIdentities, task)).isEmpty();
    }

    @Test
    void check_specificUser_mustBeListedOrWildcard() throws Exception {
        IisTaskConfig task = decode(Map.of(
                "application_pool",
                List.of(Map.of("identity", "SpecificUser", "username", "svc")),
                "application",
                List.of(Map.of("path", "p"))));

        assertThat(AllowLists.check(agent(List.of("SpecificUser"), List.of(), List.of()), task))
                .containsExactly("application_pool \"default\": username \"svc\" is not allowed by the agent;"
                        + " allowed_apppool_users is empty");
        assertThat(AllowLists.check(agent(List.of("SpecificUser"), List.of("svc"), List.of()), task))
                .isEmpty();
        assertThat(AllowLists.check(agent(List.of("SpecificUser"), List.of("*"), List.of()), task))
                .isEmpty();
    }

    @Test
    void check_targetWebsite_mustBeListedOrWildcard() throws Exception {
        IisTaskConfig task =
                decode(Map.of("target_website", "Shop", "application", List.of(Map.of("path", "p", "alias", "a"))));

        assertThat(AllowLists.check(agent(List.of("ApplicationPoolIdentity"), List.of(), List.of()), task))
                .containsExactly(
                        "target_website: \"Shop\" is not allowed by the agent; allowed_target_websites is empty");
        assertThat(AllowLists.check(agent(List.of("ApplicationPoolIdentity"), List.of(), List.of("Other")), task))
                .containsExactly(
                        "target_website: \"Shop\" is not allowed by the agent; allowed_target_websites = [\"Other\"]");
        assertThat(AllowLists.check(agent(List.of("ApplicationPoolIdentity"), List.of(), List.of("Shop")), task))
                .isEmpty();
        assertThat(AllowLists.check(agent(List.of("ApplicationPoolIdentity"), List.of(), List.of("*")), task))
                .isEmpty();
    }

    private static PluginConfig agent(List<String> identities, List<String> users, List<String> websites) {
        return new PluginConfig(true, Duration.ofSeconds(30), true, websites, identities, users, null, null);
    }
}
