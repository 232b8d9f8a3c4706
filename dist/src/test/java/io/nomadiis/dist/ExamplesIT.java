package io.nomadiis.dist;

import static io.nomadiis.dist.WebClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.driver.config.PluginConfigSpec;
import io.nomadiis.driver.config.TaskConfigSpec;
import io.nomadiis.driver.config.msgpack.CtyMsgpackWriter;
import io.nomadiis.proto.drivers.StartTaskRequest;
import io.nomadiis.proto.drivers.TaskConfig;
import io.nomadiis.proto.drivers.WaitTaskResponse;
import io.nomadiis.testing.ExternalTools;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files in {@code examples/} work as the README says: the packaged plugin is launched with the
 * {@code args} of {@code examples/agent.hcl} (management API port swapped for a free one) and configured
 * with its {@code config {}} block, then each {@code *.nomad.hcl} job's task is prepared the way Nomad
 * would (its port labels, its {@code template} files, its {@code config {}} block encoded as cty msgpack)
 * and started through StartTask on the portable host; each must answer real HTTP(S) with its content,
 * be visible through the management API with the agent example's key, and stop cleanly.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ExamplesIT {

    @TempDir
    Path root;

    private final WebClient web = new WebClient();
    private PluginProcess plugin;
    private TaskClient client;
    private String apiKey;
    private int apiPort;
    private final List<TaskFixture> fixtures = new ArrayList<>();

    /** {@code examples/} of the repository, found from the module's working directory. */
    static Path examplesDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir.resolve("examples");
            }
        }
        throw new AssertionError("no examples/ directory above " + Path.of("").toAbsolutePath());
    }

    @BeforeEach
    void launchWithTheAgentExample() throws Exception {
        ExampleJob.AgentPlugin agent =
                ExampleJob.readAgent(examplesDir().resolve("agent.hcl"), "nomad_iis", PluginConfigSpec.spec());
        assertThat(PluginArguments.parse(agent.args(), root).warnings())
                .as("agent.hcl args")
                .isEmpty();
        apiPort = TaskFixture.freePort();
        List<String> args = new ArrayList<>();
        for (String arg : agent.args()) {
            if (arg.startsWith("--management-api-port=")) {
                args.add("--management-api-port=" + apiPort);
            } else {
                args.add(arg);
            }
            if (arg.startsWith("--management-api-key=")) {
                apiKey = arg.substring(arg.indexOf('=') + 1);
            }
        }
        assertThat(apiKey).as("agent.hcl sets a management API key").isNotBlank();
        args.add("--state-dir=" + root.resolve("state"));
        plugin = PluginProcess.launch(args, Map.of());
        client = new TaskClient(plugin).configure(CtyMsgpackWriter.encode(PluginConfigSpec.spec(), agent.config()));
    }

    @AfterEach
    void stopPlugin() throws Exception {
        for (TaskFixture f : fixtures) {
            f.close();
        }
        if (plugin != null) {
            plugin.close();
        }
        PortableCleanup.removeAll(root.resolve("state"));
    }

    @Test
    void staticSite_servesTheTemplatePage() throws Exception {
        runExample("static-site.nomad.hcl", (ports) -> {
            String http = "http://127.0.0.1:" + ports.get("http");
            await("static-site to answer", () -> web.get(http + "/").status() == 200);
            assertThat(web.get(http + "/").body()).contains("<h1>Hello from Nomad and the iis driver</h1>");
            assertThat(web.get(http + "/index.html").status()).isEqualTo(200);
        });
    }

    @Test
    void twoPoolsHttps_twoApplicationsVirtualDirectoryAndSelfSignedHttps() throws Exception {
        runExample("two-pools-https.nomad.hcl", (ports) -> {
            String http = "http://127.0.0.1:" + ports.get("http");
            String https = "https://127.0.0.1:" + ports.get("https");
            await("two-pools-https to answer", () -> web.get(http + "/").status() == 200);
            assertThat(web.get(http + "/").body()).contains("Root application (pool default)");
            assertThat(web.get(http + "/media/readme.txt").body())
                    .isEqualTo("A file from the /media virtual directory.\n");
            assertThat(web.get(http + "/api/").body()).contains("API application (pool api)");
            WebClient.Reply secure = web.get(https + "/api/");
            assertThat(secure.status()).isEqualTo(200);
            assertThat(secure.body()).contains("API application (pool api)");
            await(
                    "an event for the unused pool",
                    () -> client.hasEvent("Application pool \"spare\" is not used by any application"));
        });
    }

    @Test
    void aspnetcore_processPathAppServesAspnetcorePort() throws Exception {
        ExternalTools.require(Path.of("/usr/bin/python3"), "python3");
        runExample("aspnetcore.nomad.hcl", (ports) -> {
            String http = "http://127.0.0.1:" + ports.get("http");
            await("the ANCM-style app to answer", () -> web.get(http + "/hello").status() == 200);
            assertThat(web.get(http + "/hello").body()).isEqualTo("Hello from an ASP.NET Core-style app at /hello\n");
        });
    }

    private void runExample(String name, Consumer<Map<String, Integer>> check) throws Exception {
        ExampleJob job = ExampleJob.read(examplesDir().resolve(name), TaskConfigSpec.spec());
        TaskFixture t = new TaskFixture(
                root.resolve("allocs"), job.task(), job.portLabels().toArray(String[]::new));
        fixtures.add(t);
        job.templates().forEach((destination, content) -> {
            try {
                t.write(destination, content);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        TaskConfig config = t.config(job.config(), job.env());
        plugin.driver().startTask(StartTaskRequest.newBuilder().setTask(config).build());
        String id = config.getId();
        check.accept(t.ports);

        HttpResponse<String> status = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/v1/allocs/" + t.allocId
                                        + "/" + job.task() + "/status"))
                                .header("X-Api-Key", apiKey)
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        assertThat(status.body()).contains("\"status\":\"Started\"");

        CompletableFuture<WaitTaskResponse> waiting = client.waitTask(id);
        client.stop(id);
        assertThat(waiting.get(60, TimeUnit.SECONDS).getResult().getExitCode()).isZero();
        client.destroy(id);
        assertThat(web.get("http://127.0.0.1:" + t.ports.values().iterator().next() + "/")
                        .status())
                .isEqualTo(-1);
    }
}
