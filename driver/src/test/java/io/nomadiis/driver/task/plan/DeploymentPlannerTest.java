package io.nomadiis.driver.task.plan;

import static io.nomadiis.driver.task.TaskFixtures.ALLOC;
import static io.nomadiis.driver.task.TaskFixtures.app;
import static io.nomadiis.driver.task.TaskFixtures.config;
import static io.nomadiis.driver.task.TaskFixtures.http;
import static io.nomadiis.driver.task.TaskFixtures.pluginConfig;
import static io.nomadiis.driver.task.TaskFixtures.pool;
import static io.nomadiis.driver.task.TaskFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.driver.config.IisTaskConfig;
import io.nomadiis.driver.config.VirtualDirectoryConfig;
import io.nomadiis.driver.task.DriverException;
import io.nomadiis.driver.task.TaskPort;
import io.nomadiis.iis.ApplicationSpec;
import io.nomadiis.iis.PoolIdentity;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.WebsiteDeployment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentPlannerTest {
    @TempDir
    Path allocDir;

    private final DeploymentPlanner planner = new DeploymentPlanner(
            pluginConfig(),
            Map.of("HOME", "/root"),
            name -> name.equals("Default Web Site")
                    ? Optional.of(new SiteSpec(
                            name,
                            List.of(),
                            List.of(new ApplicationSpec(
                                    "/existing", Path.of("/x"), "p", null, null, null, List.of(), List.of())),
                            "p"))
                    : Optional.empty());

    private TaskPlan plan(IisTaskConfig config) throws DriverException {
        return planner.plan(
                config, request(allocDir, "web", Map.of("APP", "1", "HOME", "/h"), new TaskPort("http", 23456, 0, "")));
    }

    @Test
    void plan_twoAppsTwoPoolsAndVdir_namesPathsAndPorts() throws Exception {
        TaskPlan plan = plan(config(
                List.of(pool("default"), pool("api"), pool("unused")),
                List.of(
                        app("local/api", "/api", "api"),
                        app("local\\site", null, null, new VirtualDirectoryConfig("media", "local/media", List.of()))),
                List.of(http("http"))));
        WebsiteDeployment d = plan.deployment(Arrays.asList((String) null));
        String site = "nomad-" + ALLOC + "-web";
        assertThat(d.ownsSite()).isTrue();
        assertThat(d.site().name()).isEqualTo(site);
        assertThat(d.pools()).extracting(p -> p.name()).containsExactly(site, site + "-api");
        assertThat(d.site().applications()).extracting(ApplicationSpec::path).containsExactly("/", "/api");
        ApplicationSpec root = d.site().applications().get(0);
        assertThat(root.physicalPath())
                .isEqualTo(allocDir.resolve("web/local/site").toAbsolutePath());
        assertThat(root.virtualDirectories().get(0).path()).isEqualTo("/media");
        assertThat(root.virtualDirectories().get(0).physicalPath())
                .isEqualTo(allocDir.resolve("web/local/media").toAbsolutePath());
        assertThat(d.site().bindings().get(0).port()).isEqualTo(23456);
        assertThat(d.site().bindings().get(0).ipAddress()).isEqualTo("*");
        assertThat(d.site().defaultPoolName()).isEqualTo(site);
        assertThat(d.pools().get(0).environment())
                .containsEntry("APP", "1")
                .doesNotContainKey("HOME")
                .containsEntry(
                        "TMP", allocDir.resolve("web/tmp").toAbsolutePath().toString());
        assertThat(plan.poolNames()).containsOnlyKeys("default", "api");
    }

    @Test
    void plan_appWithoutPool_usesImplicitDefaultNotFirstDeclared() throws Exception {
        TaskPlan plan = plan(config(
                List.of(pool("web"), pool("api"), pool("default")),
                List.of(app("local/site", null, null), app("local/api", "api", "api")),
                List.of(http("http"))));
        String site = "nomad-" + ALLOC + "-web";
        assertThat(plan.poolNames()).containsExactly(Map.entry("api", site + "-api"), Map.entry("default", site));
        assertThat(plan.applications()).extracting(ApplicationSpec::poolName).containsExactly(site, site + "-api");
        assertThat(plan.defaultPoolAlias()).isEqualTo("default");
        assertThat(plan.droppedPools()).containsExactly("web");
    }

    @Test
    void plan_defaultPoolUnused_siteDefaultIsFirstCreatedPoolAndImplicitDefaultNotReported() throws Exception {
        TaskPlan plan = plan(config(
                List.of(pool("web"), pool("api"), pool("default")),
                List.of(app("local/api", "api", "api")),
                List.of(http("http"))));
        String site = "nomad-" + ALLOC + "-web";
        assertThat(plan.poolNames()).containsOnlyKeys("api");
        assertThat(plan.defaultPoolAlias()).isEqualTo("api");
        assertThat(plan.applications().get(0).path()).isEqualTo("/");
        assertThat(plan.applications().get(0).poolName()).isEqualTo(site + "-api");
        assertThat(plan.droppedPools()).containsExactly("web");
    }

    @Test
    void plan_noRootApplication_rootPointsAtEmptyFolderUnderTaskDir() throws Exception {
        TaskPlan plan = plan(config(List.of(pool("default")), List.of(app("local/a", "a", null)), List.of()));
        ApplicationSpec root = plan.applications().get(0);
        assertThat(root.path()).isEqualTo("/");
        assertThat(root.physicalPath())
                .isEqualTo(allocDir.resolve("web").toAbsolutePath().resolve(DeploymentPlanner.EMPTY_ROOT_DIR));
    }

    @Test
    void plan_staticPortWithoutHostname_invalid() {
        assertThatThrownBy(() -> plan(
                        config(List.of(pool("default")), List.of(app("local", null, null)), List.of(http("8080")))))
                .hasMessageContaining("static port needs a hostname");
    }

    @Test
    void plan_unknownPortLabel_invalidNamingLabels() {
        assertThatThrownBy(() -> plan(
                        config(List.of(pool("default")), List.of(app("local", null, null)), List.of(http("admin")))))
                .hasMessageContaining("\"admin\" is not a port label")
                .hasMessageContaining("[http]");
    }

    @Test
    void plan_pathEscapingTaskDir_invalid() {
        assertThatThrownBy(
                        () -> plan(config(List.of(pool("default")), List.of(app("../../etc", null, null)), List.of())))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("leaves the task directory");
    }

    @Test
    void plan_identityNotAllowed_invalid() {
        assertThatThrownBy(() -> plan(config(
                        List.of(pool("default", PoolIdentity.LOCAL_SYSTEM, null)),
                        List.of(app("local", null, null)),
                        List.of())))
                .hasMessageContaining("identity \"LocalSystem\" is not allowed")
                .hasMessageContaining("not allowed on this node");
    }

    @Test
    void plan_unknownPoolReference_invalid() {
        assertThatThrownBy(() -> plan(config(List.of(pool("default")), List.of(app("local", null, "nope")), List.of())))
                .hasMessageContaining("application_pool \"nope\" is not declared");
    }

    @Test
    void plan_targetWebsite_onlyAppsAndNoBindings() throws Exception {
        TaskPlan plan = plan(new IisTaskConfig(
                List.of(pool("default")),
                List.of(app("local", "shop", null)),
                "Default Web Site",
                true,
                List.of(http("http")),
                List.of(),
                List.of()));
        assertThat(plan.ownsSite()).isFalse();
        assertThat(plan.siteName()).isEqualTo("Default Web Site");
        assertThat(plan.bindings()).isEmpty();
        assertThat(plan.applicationPaths()).containsExactly("/shop");
    }

    @Test
    void plan_targetWebsiteRules_enforced() {
        assertThatThrownBy(() -> plan(new IisTaskConfig(
                        List.of(pool("default")),
                        List.of(app("l", "x", null)),
                        "Other Site",
                        true,
                        List.of(),
                        List.of(),
                        List.of())))
                .hasMessageContaining("\"Other Site\" is not allowed");
        assertThatThrownBy(() -> plan(new IisTaskConfig(
                        List.of(pool("default")),
                        List.of(app("l", null, null)),
                        "Default Web Site",
                        true,
                        List.of(),
                        List.of(),
                        List.of())))
                .hasMessageContaining("needs an alias");
        assertThatThrownBy(() -> plan(new IisTaskConfig(
                        List.of(pool("default")),
                        List.of(app("l", "existing", null)),
                        "Default Web Site",
                        true,
                        List.of(),
                        List.of(),
                        List.of())))
                .hasMessageContaining("already exists");
    }
}
