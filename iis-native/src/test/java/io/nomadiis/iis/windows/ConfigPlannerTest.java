package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.iis.AppPoolSpec;
import io.nomadiis.iis.ApplicationSpec;
import io.nomadiis.iis.AutoStartProviderSpec;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.Extension;
import io.nomadiis.iis.IisEnumValue;
import io.nomadiis.iis.PipelineMode;
import io.nomadiis.iis.PoolAttribute;
import io.nomadiis.iis.PoolIdentity;
import io.nomadiis.iis.PoolSettings;
import io.nomadiis.iis.ServiceUnavailableResponse;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.StartMode;
import io.nomadiis.iis.VirtualDirectorySpec;
import io.nomadiis.iis.WebsiteDeployment;
import io.nomadiis.iis.WebsiteRemoval;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigPlannerTest {
    private static final Path WWW = Path.of("www");

    private static AppPoolSpec minimalPool(String name) {
        return new AppPoolSpec(name, null, null, null, PoolSettings.none(), Map.of(), List.of(), null, null);
    }

    @Test
    void pool_everyAttributeSet_mapsToSchemaNamesInOrder() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("b_var", "2");
        env.put("A_VAR", "1");
        env.put("", "ignored");
        AppPoolSpec pool = new AppPoolSpec(
                "nomad-1-web",
                PoolIdentity.SPECIFIC_USER,
                "svc-web",
                "s3cret",
                PoolSettings.none()
                        .with(PoolAttribute.MANAGED_PIPELINE_MODE, PipelineMode.CLASSIC)
                        .with(PoolAttribute.MANAGED_RUNTIME_VERSION, "v4.0")
                        .with(PoolAttribute.ENABLE_32BIT_APP_ON_WIN64, true)
                        .with(PoolAttribute.START_MODE, StartMode.ALWAYS_RUNNING)
                        .with(PoolAttribute.IDLE_TIMEOUT, Duration.ofMinutes(20))
                        .with(PoolAttribute.DISALLOW_OVERLAPPING_ROTATION, true)
                        .with(PoolAttribute.PERIODIC_RESTART_TIME, Duration.ofHours(29))
                        .with(PoolAttribute.LOAD_BALANCER_CAPABILITIES, ServiceUnavailableResponse.TCP_LEVEL)
                        .with(PoolAttribute.QUEUE_LENGTH, 2000L)
                        .with(PoolAttribute.STARTUP_TIME_LIMIT, Duration.ofSeconds(90))
                        .with(PoolAttribute.SHUTDOWN_TIME_LIMIT, Duration.ofSeconds(30)),
                env,
                List.of(new Extension("autoStart", "false")),
                null,
                null);

        ConfigElement element = ConfigPlanner.pool(pool);

        assertThat(element.elementName()).isEqualTo("add");
        assertThat(element.attributes())
                .containsExactly(
                        new ConfigAttribute("name", "nomad-1-web"),
                        new ConfigAttribute("processModel.identityType", "SpecificUser"),
                        new ConfigAttribute("processModel.userName", "svc-web"),
                        new ConfigAttribute("processModel.password", "s3cret"),
                        new ConfigAttribute("managedPipelineMode", "Classic"),
                        new ConfigAttribute("managedRuntimeVersion", "v4.0"),
                        new ConfigAttribute("enable32BitAppOnWin64", true),
                        new ConfigAttribute("startMode", "AlwaysRunning"),
                        new ConfigAttribute("processModel.idleTimeout", "00:20:00"),
                        new ConfigAttribute("recycling.disallowOverlappingRotation", true),
                        new ConfigAttribute("recycling.periodicRestart.time", "1.05:00:00"),
                        new ConfigAttribute("failure.loadBalancerCapabilities", "TcpLevel"),
                        new ConfigAttribute("queueLength", 2000),
                        new ConfigAttribute("processModel.startupTimeLimit", "00:01:30"),
                        new ConfigAttribute("processModel.shutdownTimeLimit", "00:00:30"),
                        new ConfigAttribute("autoStart", "false"));
        assertThat(element.collections()).singleElement().satisfies(c -> {
            assertThat(c.childPath()).isEqualTo("environmentVariables");
            assertThat(c.elements()).extracting(e -> e.attribute("name")).containsExactly("A_VAR", "b_var");
            assertThat(c.elements()).extracting(e -> e.attribute("value")).containsExactly("1", "2");
        });
    }

    @Test
    void pool_nullSettings_areLeftToIisDefaults_andNoCodeMeansEmptyRuntime() {
        AppPoolSpec pool = new AppPoolSpec(
                "p",
                PoolIdentity.APPLICATION_POOL_IDENTITY,
                null,
                null,
                PoolSettings.none().with(PoolAttribute.MANAGED_RUNTIME_VERSION, ""),
                Map.of(),
                List.of(),
                null,
                null);
        assertThat(ConfigPlanner.pool(pool).attributes())
                .containsExactly(
                        new ConfigAttribute("name", "p"),
                        new ConfigAttribute("processModel.identityType", "ApplicationPoolIdentity"),
                        new ConfigAttribute("managedRuntimeVersion", ""));
        assertThat(ConfigPlanner.pool(pool).collections()).isEmpty();
        assertThat(ConfigPlanner.pool(minimalPool("q")).attributes()).containsExactly(new ConfigAttribute("name", "q"));
    }

    @Test
    void pool_everyCatalogueAttribute_isWrittenAtItsIisPathInIisText() {
        PoolSettings settings = PoolSettings.none();
        Map<String, Object> expected = new LinkedHashMap<>();
        for (PoolAttribute<?> attribute : PoolAttribute.all()) {
            settings = withSample(settings, attribute, expected);
        }
        AppPoolSpec pool = new AppPoolSpec("p", null, null, null, settings, Map.of(), List.of(), null, null);

        Map<String, Object> written = new LinkedHashMap<>();
        ConfigPlanner.pool(pool).attributes().forEach(a -> written.put(a.path(), a.value()));
        written.remove("name");

        assertThat(written).containsExactlyEntriesOf(expected);
    }

    /** A value IIS accepts for the attribute, and the text or number AHADMIN must receive for it. */
    private static <T> PoolSettings withSample(
            PoolSettings settings, PoolAttribute<T> attribute, Map<String, Object> expected) {
        Object value;
        Object iis;
        switch (attribute.kind()) {
            case BOOL -> {
                value = true;
                iis = true;
            }
            case UINT -> {
                value = attribute.max();
                iis = (int) attribute.max();
            }
            case TIME_SPAN -> {
                value = Duration.ofSeconds(attribute.granularitySeconds() * 61);
                iis = IisTimeSpan.format((Duration) value);
            }
            case ENUM -> {
                value = attribute.choices().get(attribute.choices().size() - 1);
                iis = ((IisEnumValue) value).iisName();
            }
            default -> {
                value = "text";
                iis = "text";
            }
        }
        expected.put(attribute.iisPath(), iis);
        return settings.with(attribute, attribute.cast(value));
    }

    @Test
    void environment_emptyValues_areLeftOutAsIisRefusesThem() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EMPTY", "");
        env.put("SET", "1");
        assertThat(ConfigPlanner.environment(env)).containsOnlyKeys("SET");
    }

    @Test
    void environment_duplicatesDifferingInCase_keepOneAndSkipNullValues() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("Path2", "x");
        env.put("PATH2", "y");
        env.put("NULL", null);
        assertThat(ConfigPlanner.environment(env)).hasSize(1).containsValue("y");
    }

    @Test
    void deployment_ownedSite_upsertsProvidersThenPoolsThenSiteWithBindingsAppsAndVdirs() {
        SiteSpec site = new SiteSpec(
                "nomad-1-web",
                List.of(
                        new BindingSpec("http", "*", 8080, "", false, null),
                        new BindingSpec("HTTPS", "*", 8443, "Example.com", true, "AB")),
                List.of(new ApplicationSpec(
                        "/",
                        WWW,
                        "nomad-1-web",
                        true,
                        true,
                        "warmup",
                        List.of(new VirtualDirectorySpec(
                                "/media", Path.of("media"), List.of(new Extension("logonMethod", "Batch")))),
                        List.of(new Extension("enabledProtocols", "http")))),
                "nomad-1-web");
        WebsiteDeployment deployment = new WebsiteDeployment(
                List.of(minimalPool("nomad-1-web")),
                site,
                true,
                List.of(new AutoStartProviderSpec("warmup", "My.Preload, My")));

        ConfigPlan plan = ConfigPlanner.deployment(deployment, 7);

        assertThat(plan.operation()).isEqualTo("deploy site \"nomad-1-web\"");
        assertThat(plan.describe())
                .containsExactly(
                        "upsert system.applicationHost/serviceAutoStartProviders by name <add> [name=\"warmup\","
                                + " type=\"My.Preload, My\"]",
                        "add system.applicationHost/applicationPools <add> [name=\"nomad-1-web\"]",
                        "add system.applicationHost/sites <site> [name=\"nomad-1-web\", id=7,"
                                + " applicationDefaults.applicationPool=\"nomad-1-web\"]",
                        "  add bindings <binding> [protocol=\"http\", bindingInformation=\"*:8080:\"]",
                        "  add bindings <binding> [protocol=\"https\", bindingInformation=\"*:8443:example.com\","
                                + " sslFlags=1]",
                        "  add . <application> [path=\"/\", applicationPool=\"nomad-1-web\", preloadEnabled=true, "
                                + "serviceAutoStartEnabled=true, serviceAutoStartProvider=\"warmup\","
                                + " enabledProtocols=\"http\"]",
                        "    add . <virtualDirectory> [path=\"/\", physicalPath=\"www\"]",
                        "    add . <virtualDirectory> [path=\"/media\", physicalPath=\"media\","
                                + " logonMethod=\"Batch\"]");
    }

    @Test
    void deployment_siteWithLogDirectory_setsLogFileDirectory() {
        SiteSpec site = new SiteSpec(
                "nomad-1-web",
                List.of(new BindingSpec("http", "*", 8080, "", false, null)),
                List.of(new ApplicationSpec("/", WWW, "nomad-1-web", null, null, null, List.of(), List.of())),
                "nomad-1-web",
                Path.of("task", "logs", "iis"));
        ConfigPlan plan = ConfigPlanner.deployment(
                new WebsiteDeployment(List.of(minimalPool("nomad-1-web")), site, true, List.of()), 3);
        assertThat(plan.describe())
                .contains("add system.applicationHost/sites <site> [name=\"nomad-1-web\", id=3,"
                        + " applicationDefaults.applicationPool=\"nomad-1-web\", logFile.directory=\""
                        + Path.of("task", "logs", "iis") + "\"]");
    }

    @Test
    void deployment_intoExistingSite_addsOnlyApplicationsToThatSite() {
        SiteSpec site = new SiteSpec(
                "Default Web Site",
                List.of(),
                List.of(new ApplicationSpec("/api", WWW, "nomad-2-api", null, null, null, List.of(), List.of())),
                "nomad-2-api");
        ConfigPlan plan = ConfigPlanner.deployment(
                new WebsiteDeployment(List.of(minimalPool("nomad-2-api")), site, false, List.of()), 99);

        assertThat(plan.steps()).hasSize(2);
        assertThat(plan.steps().get(1)).isInstanceOfSatisfying(ConfigStep.Add.class, add -> {
            assertThat(add.target()).isEqualTo(ConfigStep.CollectionRef.applicationsOf("Default Web Site"));
            assertThat(add.element().attribute("path")).isEqualTo("/api");
        });
        assertThat(String.join("\n", plan.describe())).doesNotContain("<site>").doesNotContain("id=");
    }

    @Test
    void describe_neverShowsPasswords() {
        AppPoolSpec pool = new AppPoolSpec(
                "p",
                PoolIdentity.SPECIFIC_USER,
                "u",
                "hunter2",
                PoolSettings.none(),
                Map.of(),
                List.of(new Extension("passwordHint", "also-secret")),
                null,
                null);
        SiteSpec site = new SiteSpec("s", List.of(), List.of(), "p");
        String text = String.join(
                "\n",
                ConfigPlanner.deployment(new WebsiteDeployment(List.of(pool), site, true, List.of()), 1)
                        .describe());
        assertThat(text)
                .contains("processModel.password=(redacted)")
                .doesNotContain("hunter2")
                .doesNotContain("also-secret");
    }

    @Test
    void removal_ownedSite_deletesSiteThenPoolsThenUnreferencedProviders() {
        WebsiteRemoval removal = new WebsiteRemoval(
                "nomad-1-web",
                true,
                List.of(),
                List.of("nomad-1-web", "nomad-1-web-api"),
                List.of("warmup", "other"),
                List.of());
        assertThat(ConfigPlanner.removal(removal, List.of("warmup")).describe())
                .containsExactly(
                        "delete system.applicationHost/sites where name=\"nomad-1-web\"",
                        "delete system.applicationHost/applicationPools where name=\"nomad-1-web\"",
                        "delete system.applicationHost/applicationPools where name=\"nomad-1-web-api\"",
                        "delete system.applicationHost/serviceAutoStartProviders where name=\"warmup\"");
    }

    @Test
    void removal_foreignSite_deletesOnlyTheApplications() {
        WebsiteRemoval removal =
                new WebsiteRemoval("Default Web Site", false, List.of("/a", "/b"), List.of("p"), List.of(), List.of());
        assertThat(ConfigPlanner.removal(removal, List.of()).describe())
                .containsExactly(
                        "delete system.applicationHost/sites[name=\"Default Web Site\"] where path=\"/a\"",
                        "delete system.applicationHost/sites[name=\"Default Web Site\"] where path=\"/b\"",
                        "delete system.applicationHost/applicationPools where name=\"p\"");
    }

    @Test
    void undo_ofADeployment_removesWhatItCreated() {
        SiteSpec site = new SiteSpec(
                "shared",
                List.of(),
                List.of(new ApplicationSpec("/x", WWW, "px", null, null, null, List.of(), List.of())),
                "px");
        WebsiteRemoval undo =
                ConfigPlanner.undo(new WebsiteDeployment(List.of(minimalPool("px")), site, false, List.of()));
        assertThat(undo)
                .isEqualTo(new WebsiteRemoval("shared", false, List.of("/x"), List.of("px"), List.of(), List.of()));
    }

    @Test
    void configAttribute_pathsAndValues_areValidated() {
        ConfigAttribute nested = new ConfigAttribute("recycling.periodicRestart.time", "00:10:00");
        assertThat(nested.elementPath()).containsExactly("recycling", "periodicRestart");
        assertThat(nested.attributeName()).isEqualTo("time");
        assertThat(new ConfigAttribute("name", "x").elementPath()).isEmpty();
        assertThatThrownBy(() -> new ConfigAttribute(".x", "v")).hasMessageContaining("\".x\"");
        assertThatThrownBy(() -> new ConfigAttribute("x", 1.5)).hasMessageContaining("unsupported value");
    }
}
