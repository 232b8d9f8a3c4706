package io.nomadiis.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nomadiis.driver.task.TaskIdentity;
import io.nomadiis.driver.task.TaskView;
import io.nomadiis.iis.windows.WindowsIisHostOnDouble;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where API clients written for the C# plugin look (issue 9): the status document's
 * {@code defaultApplicationPool}, the JWT rules of its ApiKeyAuthenticationHandler and .NET's
 * token validation, and (issue 10) a Debug listing limited to what the credentials cover.
 */
class CSharpCompatibilityTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String OTHER_ALLOC = "9a9a9a9a-1111-2222-3333-444455556666";
    static WindowsIisHostOnDouble iis = new WindowsIisHostOnDouble();
    static ApiFixture api;
    static TaskView other;

    @BeforeAll
    static void start() throws Exception {
        api = ApiFixture.onIisDouble(
                iis, Limits.defaults(), ManagementOptions.of(0, ApiFixture.API_KEY, ApiFixture.JWT_SECRET, false));
        other = new TaskView(
                new TaskIdentity(OTHER_ALLOC + "/api/x", OTHER_ALLOC, "api", "billing", "invoices", "invoices", "g"),
                api.root.resolve("alloc").resolve(OTHER_ALLOC),
                api.root.resolve("alloc").resolve(OTHER_ALLOC).resolve("api"),
                Map.of("backend", "nomad-9a9a9a9a-api-backend"),
                "backend",
                "nomad-9a9a9a9a-api",
                true,
                List.of(),
                Instant.now(),
                false);
        api.tasks.add(other);
        iis.deploySite(
                "nomad-9a9a9a9a-api",
                "nomad-9a9a9a9a-api-backend",
                Files.createDirectories(other.taskDir().resolve("local")));
        // the site and pool of a task no longer registered
        iis.deploySite(
                "nomad-deadbeef-orphan", "nomad-deadbeef-orphan", Files.createDirectories(api.root.resolve("orphan")));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static String sign(Algorithm algorithm, Instant expires, Consumer<JWTCreator.Builder> claims) {
        JWTCreator.Builder b = JWT.create()
                .withIssuer("NomadIIS")
                .withAudience("ManagementApi")
                .withExpiresAt(expires);
        claims.accept(b);
        return b.sign(algorithm);
    }

    private static Consumer<JWTCreator.Builder> statusOfOurTask() {
        return b -> b.withClaim("namespace", "default")
                .withClaim("jobName", "shop")
                .withClaim("allocId", ApiFixture.ALLOC)
                .withArrayClaim("capabilities", new String[] {"Status"});
    }

    private static int status(String apiKey, String token) throws Exception {
        var req = api.request(api.taskUrl("status"));
        if (apiKey != null) {
            req.header("X-Api-Key", apiKey);
        }
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        return api.send(req.GET().build()).statusCode();
    }

    @Test
    void status_defaultApplicationPool_isThePoolObjectNamedDefault() throws Exception {
        JsonNode body = JSON.readTree(api.get(api.taskUrl("status")).body());
        JsonNode pool = body.get("defaultApplicationPool");
        assertThat(pool.isObject()).isTrue();
        assertThat(pool.get("name").asText()).isEqualTo("default");
        assertThat(pool.get("status").asText()).isIn("Starting", "Started", "Stopping", "Stopped", "Unknown");
        assertThat(pool.get("isWorkerProcessRunning").isBoolean()).isTrue();
    }

    @Test
    void status_taskWithoutAPoolNamedDefault_defaultApplicationPoolIsNull() throws Exception {
        String url = api.base() + "/api/v1/allocs/" + OTHER_ALLOC + "/api/status";
        JsonNode body = JSON.readTree(api.get(url).body());
        assertThat(body.has("defaultApplicationPool")).isTrue();
        assertThat(body.get("defaultApplicationPool").isNull()).isTrue();
        assertThat(body.get("applicationPools").get(0).get("name").asText()).isEqualTo("backend");
    }

    @Test
    void jwt_hs256Hs384Hs512_allAccepted() throws Exception {
        byte[] secret = ApiFixture.JWT_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Instant exp = Instant.now().plusSeconds(300);
        assertThat(status(null, sign(Algorithm.HMAC256(secret), exp, statusOfOurTask())))
                .isEqualTo(200);
        assertThat(status(null, sign(Algorithm.HMAC384(secret), exp, statusOfOurTask())))
                .isEqualTo(200);
        assertThat(status(null, sign(Algorithm.HMAC512(secret), exp, statusOfOurTask())))
                .isEqualTo(200);
        assertThat(status(
                        null,
                        sign(Algorithm.HMAC512("another-secret-of-enough-length-0123456789"), exp, statusOfOurTask())))
                .isEqualTo(401);
    }

    @Test
    void jwt_fiveMinutesOfClockSkew() throws Exception {
        Algorithm hs256 = Algorithm.HMAC256(ApiFixture.JWT_SECRET);
        assertThat(status(null, sign(hs256, Instant.now().minusSeconds(240), statusOfOurTask())))
                .isEqualTo(200);
        assertThat(status(null, sign(hs256, Instant.now().minusSeconds(360), statusOfOurTask())))
                .isEqualTo(401);
    }

    @Test
    void jwt_scopeClaimsMayBeArraysOfStrings() throws Exception {
        Algorithm hs256 = Algorithm.HMAC256(ApiFixture.JWT_SECRET);
        Instant exp = Instant.now().plusSeconds(300);
        String covering = sign(
                hs256,
                exp,
                b -> b.withArrayClaim("namespace", new String[] {"billing", "default"})
                        .withArrayClaim("jobName", new String[] {"shop", "invoices"})
                        .withArrayClaim("allocId", new String[] {OTHER_ALLOC, ApiFixture.ALLOC})
                        .withClaim("capabilities", "Status"));
        assertThat(status(null, covering)).isEqualTo(200);
        String notCovering = sign(
                hs256,
                exp,
                b -> b.withArrayClaim("namespace", new String[] {"billing"})
                        .withArrayClaim("jobName", new String[] {"shop"})
                        .withArrayClaim("allocId", new String[] {ApiFixture.ALLOC})
                        .withClaim("capabilities", "Status"));
        assertThat(status(null, notCovering)).isEqualTo(403);
    }

    @Test
    void jwt_wellSignedButIllTypedClaim_401() throws Exception {
        Algorithm hs256 = Algorithm.HMAC256(ApiFixture.JWT_SECRET);
        Instant exp = Instant.now().plusSeconds(300);
        assertThat(status(
                        null,
                        sign(
                                hs256,
                                exp,
                                b -> b.withClaim("namespace", 5)
                                        .withClaim("jobName", "shop")
                                        .withClaim("allocId", ApiFixture.ALLOC)
                                        .withClaim("capabilities", "Status"))))
                .isEqualTo(401);
        assertThat(status(
                        null,
                        sign(
                                hs256,
                                exp,
                                b -> b.withClaim("namespace", "default")
                                        .withClaim("jobName", "shop")
                                        .withClaim("allocId", ApiFixture.ALLOC)
                                        .withClaim("capabilities", Map.of("Status", true)))))
                .isEqualTo(401);
        assertThat(status(
                        null,
                        sign(
                                hs256,
                                exp,
                                b -> b.withClaim("namespace", "default")
                                        .withClaim("jobName", "shop")
                                        .withArrayClaim("allocId", new Integer[] {1, 2})
                                        .withClaim("capabilities", "Status"))))
                .isEqualTo(401);
    }

    @Test
    void wrongApiKeyBesideAValidBearerToken_theTokenDecides() throws Exception {
        String valid =
                sign(Algorithm.HMAC256(ApiFixture.JWT_SECRET), Instant.now().plusSeconds(300), statusOfOurTask());
        assertThat(status("wrong-key", valid)).isEqualTo(200);
        assertThat(status("wrong-key", valid + "x")).isEqualTo(401);
        assertThat(status(ApiFixture.API_KEY, valid + "x")).isEqualTo(200);
    }

    @Test
    void debug_listsOnlyTheTasksTheTokenCovers_anApiKeySeesAll() throws Exception {
        String url = api.base() + "/api/v1/debug";
        String jobToken = sign(
                Algorithm.HMAC256(ApiFixture.JWT_SECRET),
                Instant.now().plusSeconds(300),
                b -> b.withClaim("namespace", "billing")
                        .withClaim("jobName", "invoices")
                        .withClaim("allocId", "*")
                        .withClaim("capabilities", "Debug"));
        HttpResponse<String> scoped = api.send(api.request(url)
                .header("Authorization", "Bearer " + jobToken)
                .GET()
                .build());
        assertThat(scoped.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(scoped.body());
        assertThat(body.get("iisHandleCount").asInt()).isEqualTo(1);
        assertThat(body.get("iisHandles").get(0).get("allocId").asText()).isEqualTo(OTHER_ALLOC);
        assertThat(scoped.body()).doesNotContain(ApiFixture.ALLOC, api.task.websiteName(), "nomad-deadbeef-orphan");
        assertThat(body.get("iisAppPools").get(0).get("name").asText()).isEqualTo("nomad-9a9a9a9a-api-backend");

        JsonNode all = JSON.readTree(api.get(url).body());
        assertThat(all.get("iisHandleCount").asInt()).isEqualTo(2);
        assertThat(all.get("danglingIisAppPools").asInt()).isEqualTo(1);
    }
}
