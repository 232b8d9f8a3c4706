package io.nomadiis.mgmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
    static ApiFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = ApiFixture.onIisDouble(Limits.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private HttpResponse<String> statusWith(String header, String value) throws Exception {
        return api.send(
                api.request(api.taskUrl("status")).header(header, value).GET().build());
    }

    private HttpResponse<String> statusWithToken(String token) throws Exception {
        return statusWith("Authorization", "Bearer " + token);
    }

    @Test
    void status_noCredentials_401WithJsonErrorAndRequestId() throws Exception {
        HttpResponse<String> r =
                api.send(api.request(api.taskUrl("status")).GET().build());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("\"error\"").contains("\"requestId\"");
        assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(r.body()).contains(r.headers().firstValue("X-Request-Id").get());
    }

    @Test
    void status_wrongApiKey_401() throws Exception {
        assertThat(statusWith("X-Api-Key", "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void status_apiKey_200() throws Exception {
        HttpResponse<String> r = statusWith("X-Api-Key", ApiFixture.API_KEY);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"allocId\":\"" + ApiFixture.ALLOC + "\"");
    }

    @Test
    void status_validToken_200() throws Exception {
        String token = ApiFixture.token(b -> b.withClaim("namespace", "default")
                .withClaim("jobName", "shop")
                .withClaim("allocId", ApiFixture.ALLOC)
                .withArrayClaim("capabilities", new String[] {"Status"}));
        assertThat(statusWithToken(token).statusCode()).isEqualTo(200);
    }

    @Test
    void status_wildcardToken_200() throws Exception {
        String token = ApiFixture.token(b -> b.withClaim("namespace", "*")
                .withClaim("jobName", "*")
                .withClaim("allocId", "*")
                .withArrayClaim("capabilities", new String[] {"*"}));
        assertThat(statusWithToken(token).statusCode()).isEqualTo(200);
    }

    @Test
    void status_tokenWithWrongSignature_401() throws Exception {
        String token = com.auth0
                .jwt
                .JWT
                .create()
                .withIssuer("NomadIIS")
                .withAudience("ManagementApi")
                .withExpiresAt(Instant.now().plusSeconds(60))
                .withClaim("namespace", "*")
                .withClaim("jobName", "*")
                .withClaim("allocId", "*")
                .withArrayClaim("capabilities", new String[] {"*"})
                .sign(com.auth0.jwt.algorithms.Algorithm.HMAC256("another-secret-another-secret-12345"));
        assertThat(statusWithToken(token).statusCode()).isEqualTo(401);
    }

    @Test
    void status_expiredToken_401() throws Exception {
        String token =
                ApiFixture.token(b -> b.withExpiresAt(Date.from(Instant.now().minusSeconds(600)))
                        .withClaim("namespace", "*")
                        .withClaim("jobName", "*")
                        .withClaim("allocId", "*")
                        .withArrayClaim("capabilities", new String[] {"*"}));
        assertThat(statusWithToken(token).statusCode()).isEqualTo(401);
    }

    @Test
    void status_tokenWithoutExpiry_401() throws Exception {
        String token = com.auth0
                .jwt
                .JWT
                .create()
                .withIssuer("NomadIIS")
                .withAudience("ManagementApi")
                .withClaim("namespace", "*")
                .withClaim("jobName", "*")
                .withClaim("allocId", "*")
                .withArrayClaim("capabilities", new String[] {"*"})
                .sign(com.auth0.jwt.algorithms.Algorithm.HMAC256(ApiFixture.JWT_SECRET));
        assertThat(statusWithToken(token).statusCode()).isEqualTo(401);
    }

    @Test
    void status_wrongIssuer_401() throws Exception {
        String token = ApiFixture.token(b -> b.withIssuer("Someone")
                .withClaim("namespace", "*")
                .withClaim("jobName", "*")
                .withClaim("allocId", "*")
                .withArrayClaim("capabilities", new String[] {"*"}));
        assertThat(statusWithToken(token).statusCode()).isEqualTo(401);
    }

    @Test
    void status_wrongAudience_401() throws Exception {
        String token = ApiFixture.token(b -> b.withAudience("Other")
                .withClaim("namespace", "*")
                .withClaim("jobName", "*")
                .withClaim("allocId", "*")
                .withArrayClaim("capabilities", new String[] {"*"}));
        assertThat(statusWithToken(token).statusCode()).isEqualTo(401);
    }

    @Test
    void status_tokenWithoutStatusCapability_403() throws Exception {
        String token = ApiFixture.token(b -> b.withClaim("namespace", "*")
                .withClaim("jobName", "*")
                .withClaim("allocId", "*")
                .withArrayClaim("capabilities", new String[] {"FilesystemAccess"}));
        assertThat(statusWithToken(token).statusCode()).isEqualTo(403);
    }

    @Test
    void status_tokenForOtherNamespace_403() throws Exception {
        String token = ApiFixture.token(b -> b.withClaim("namespace", "prod")
                .withClaim("jobName", "*")
                .withClaim("allocId", "*")
                .withArrayClaim("capabilities", new String[] {"Status"}));
        assertThat(statusWithToken(token).statusCode()).isEqualTo(403);
    }

    @Test
    void status_tokenForOtherJob_403() throws Exception {
        String token = ApiFixture.token(b -> b.withClaim("namespace", "default")
                .withClaim("jobName", "billing")
                .withClaim("allocId", "*")
                .withArrayClaim("capabilities", new String[] {"Status"}));
        assertThat(statusWithToken(token).statusCode()).isEqualTo(403);
    }

    @Test
    void status_tokenForOtherAlloc_403() throws Exception {
        String token = ApiFixture.token(b -> b.withClaim("namespace", "*")
                .withClaim("jobName", "*")
                .withClaim("allocId", "ffffffff-0000-0000-0000-000000000000")
                .withArrayClaim("capabilities", new String[] {"Status"}));
        assertThat(statusWithToken(token).statusCode()).isEqualTo(403);
    }

    @Test
    void status_unknownAllocWithoutCredentials_401NotLeaking404() throws Exception {
        HttpResponse<String> r = api.send(
                api.request(api.base() + "/api/v1/allocs/nope/web/status").GET().build());
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void status_unknownAllocWithApiKey_404() throws Exception {
        assertThat(api.get(api.base() + "/api/v1/allocs/nope/web/status").statusCode())
                .isEqualTo(404);
        assertThat(api.get(api.taskUrl("").replace("/web/", "/other/") + "status")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void status_unknownAllocWithJobScopedToken_403SameAsForeignAlloc() throws Exception {
        String token = ApiFixture.token(b -> b.withClaim("namespace", "default")
                .withClaim("jobName", "shop")
                .withClaim("allocId", "*")
                .withArrayClaim("capabilities", new String[] {"Status"}));
        HttpResponse<String> r = api.send(api.request(api.base() + "/api/v1/allocs/nope/web/status")
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void debug_tokenWithoutDebugCapability_403_withDebug_200() throws Exception {
        String noDebug = ApiFixture.token(b -> b.withClaim("namespace", "*")
                .withClaim("jobName", "*")
                .withClaim("allocId", "*")
                .withArrayClaim("capabilities", new String[] {"Status", "FilesystemAccess"}));
        String debug = ApiFixture.token(b -> b.withClaim("namespace", "default")
                .withClaim("jobName", "shop")
                .withClaim("allocId", ApiFixture.ALLOC)
                .withArrayClaim("capabilities", new String[] {"Debug"}));
        String url = api.base() + "/api/v1/debug";
        assertThat(api.send(api.request(url)
                                .header("Authorization", "Bearer " + noDebug)
                                .GET()
                                .build())
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.send(api.request(url)
                                .header("Authorization", "Bearer " + debug)
                                .GET()
                                .build())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void start_withoutCredentialsOrAnonymous_refusesToStart() {
        ManagementServer server = new ManagementServer(
                ManagementOptions.of(0, null, null, false).withAddress("127.0.0.1"), new TestTasks(), api.host, null);
        try {
            assertThatThrownBy(server::start).hasMessageContaining("neither an api key nor a jwt secret");
        } finally {
            server.close();
        }
        assertThat(ManagementServer.startOrDisable(
                        ManagementOptions.of(0, null, null, false).withAddress("127.0.0.1"),
                        new TestTasks(),
                        () -> api.host,
                        null))
                .isNull();
        assertThat(io.nomadiis.driver.fingerprint.ManagementApiState.serving()).isFalse();
    }

    @Test
    void startOrDisable_portInUse_returnsNullAndReportsDisabled() {
        ManagementServer second = ManagementServer.startOrDisable(
                ManagementOptions.of(api.server.port(), ApiFixture.API_KEY, null, false)
                        .withAddress("127.0.0.1"),
                new TestTasks(),
                () -> api.host,
                null);
        assertThat(second).isNull();
        assertThat(io.nomadiis.driver.fingerprint.ManagementApiState.serving()).isFalse();
    }

    @Test
    void status_anonymousMode_200WithoutCredentials() throws Exception {
        try (ApiFixture anon = new ApiFixture(api.host, Limits.defaults(), ManagementOptions.of(0, null, null, true))) {
            HttpResponse<String> r =
                    anon.send(anon.request(anon.taskUrl("status")).GET().build());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }
}
