package io.nomadiis.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.PoolState;
import io.nomadiis.iis.windows.WindowsIisHostOnDouble;
import io.nomadiis.mgmt.http.Route;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * status/start/stop/recycle on the real Windows host over the in-memory IIS (real worker processes), the debug
 * listing, the OpenAPI document and the root notice.
 */
class AppPoolAndDebugRoutesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static WindowsIisHostOnDouble iis = new WindowsIisHostOnDouble();
    static ApiFixture api;
    static String pool;

    @BeforeAll
    static void start() throws Exception {
        api = ApiFixture.onIisDouble(
                iis, Limits.defaults(), ManagementOptions.of(0, ApiFixture.API_KEY, ApiFixture.JWT_SECRET, false));
        pool = api.defaultPool();
        // a site and pool of a task no longer registered, and a site of the server's own (not the plugin's)
        iis.deploySite(
                "nomad-deadbeef-orphan", "nomad-deadbeef-orphan", Files.createDirectories(api.root.resolve("orphan")));
        iis.deploySite("Default Web Site", "DefaultAppPool", Files.createDirectories(api.root.resolve("inetpub")));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void status_reportsPoolsWithCSharpFieldNames() throws Exception {
        HttpResponse<String> r = api.get(api.taskUrl("status"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode body = json(r);
        assertThat(body.get("allocId").asText()).isEqualTo(ApiFixture.ALLOC);
        assertThat(body.get("taskName").asText()).isEqualTo("web");
        assertThat(body.get("defaultApplicationPool").get("name").asText()).isEqualTo("default");
        JsonNode p = body.get("applicationPools").get(0);
        assertThat(p.get("name").asText()).isEqualTo("default");
        assertThat(p.get("status").asText()).isIn("Started", "Stopped");
        assertThat(p.has("isWorkerProcessRunning")).isTrue();
    }

    @Test
    void stopThenStartThenRecycle_changeThePoolState() throws Exception {
        long firstPid = api.defaultPoolRuntime().workerPids().get(0);
        HttpResponse<String> stopped = api.send(api.authed(api.taskUrl("stop"))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(stopped.statusCode()).isEqualTo(200);
        assertThat(json(stopped).get("applicationPools").get(0).get("status").asText())
                .isEqualTo("Stopped");
        assertThat(json(stopped)
                        .get("applicationPools")
                        .get(0)
                        .get("isWorkerProcessRunning")
                        .asBoolean())
                .isFalse();
        PoolRuntime afterStop = api.defaultPoolRuntime();
        assertThat(afterStop.state()).isEqualTo(PoolState.STOPPED);
        assertThat(afterStop.workerPids()).isEmpty();
        assertThat(ApiFixture.ends(firstPid))
                .as("the stopped pool's worker ended")
                .isTrue();
        HttpResponse<String> started = api.send(api.authed(api.taskUrl("start"))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(json(started).get("applicationPools").get(0).get("status").asText())
                .isEqualTo("Started");
        long pid = json(started)
                .get("applicationPools")
                .get(0)
                .get("workerProcessIds")
                .get(0)
                .asLong();
        PoolRuntime afterStart = api.defaultPoolRuntime();
        assertThat(afterStart.state()).isEqualTo(PoolState.STARTED);
        assertThat(afterStart.workerPids())
                .as("the host's worker is the one reported")
                .containsExactly(pid);
        HttpResponse<String> recycled = api.send(api.authed(api.taskUrl("recycle"))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(recycled.statusCode()).isEqualTo(200);
        long recycledPid = json(recycled)
                .get("applicationPools")
                .get(0)
                .get("workerProcessIds")
                .get(0)
                .asLong();
        assertThat(recycledPid).isNotEqualTo(pid);
        assertThat(ApiFixture.ends(pid)).as("the recycled worker ended").isTrue();
        PoolRuntime afterRecycle = api.defaultPoolRuntime();
        assertThat(afterRecycle.state()).isEqualTo(PoolState.STARTED);
        assertThat(afterRecycle.workerPids()).containsExactly(recycledPid);
    }

    @Test
    void start_withStatusOnlyToken_403() throws Exception {
        String token = ApiFixture.token(b -> b.withClaim("namespace", "*")
                .withClaim("jobName", "*")
                .withClaim("allocId", "*")
                .withArrayClaim("capabilities", new String[] {"Status"}));
        HttpResponse<String> r = api.send(api.request(api.taskUrl("start"))
                .header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void debug_listsHandlesAndDanglingObjects() throws Exception {
        JsonNode body = json(api.get(api.base() + "/api/v1/debug"));
        assertThat(body.get("iisHandleCount").asInt()).isEqualTo(1);
        JsonNode h = body.get("iisHandles").get(0);
        assertThat(h.get("taskId").asText()).isEqualTo(api.task.identity().taskId());
        assertThat(h.get("appPoolNames").get(0).asText()).isEqualTo(pool);
        for (String f :
                new String[] {"allocId", "namespace", "jobId", "jobName", "taskName", "taskGroupName", "isRecovered"}) {
            assertThat(h.has(f)).as(f).isTrue();
        }
        assertThat(body.get("danglingIisAppPools").asInt()).isEqualTo(1);
        assertThat(body.get("danglingIisWebsites").asInt()).isEqualTo(1);
        Map<String, Boolean> pools = new java.util.HashMap<>();
        body.get("iisAppPools")
                .forEach(p ->
                        pools.put(p.get("name").asText(), p.get("isDangling").asBoolean()));
        assertThat(pools)
                .containsEntry(pool, false)
                .containsEntry("nomad-deadbeef-orphan", true)
                .containsEntry("DefaultAppPool", false);
    }

    @Test
    void openApi_describesExactlyTheRouteTable() throws Exception {
        HttpResponse<String> r =
                api.send(api.request(api.base() + "/api/v1/openapi.json").GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = json(r);
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        Set<String> documented = new HashSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            p.getValue()
                    .fieldNames()
                    .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey()));
            p.getValue().forEach(op -> {
                for (String param : new String[] {"allocId", "taskName", "path"}) {
                    if (p.getKey().contains("{" + param + "}")) {
                        assertThat(op.get("parameters").toString()).contains("\"name\":\"" + param + "\"");
                    }
                }
            });
        }
        Set<String> served = api.server.routes().stream()
                .map(rt -> rt.method() + " " + rt.template())
                .collect(Collectors.toSet());
        assertThat(documented).isEqualTo(served);
        for (Route rt : api.server.routes()) {
            JsonNode op = doc.get("paths").get(rt.template()).get(rt.method().toLowerCase(Locale.ROOT));
            assertThat(op.path("x-capability").asText(null))
                    .isEqualTo(rt.capability() == null ? null : rt.capability().claimName());
        }
        assertThat(served)
                .contains(
                        "GET /api/v1/allocs/{allocId}/{taskName}/status",
                        "PUT /api/v1/allocs/{allocId}/{taskName}/fs/{path}",
                        "GET /api/v1/debug",
                        "GET /");
    }

    @Test
    void root_isAPlainTextNotice() throws Exception {
        HttpResponse<String> r = api.send(api.request(api.base() + "/").GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(r.body()).contains("nomad_iis").contains("plugin");
    }
}
