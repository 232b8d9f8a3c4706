package io.nomadiis.iis.portable;

import static io.nomadiis.iis.portable.PortableTestSupport.awaitServiceGone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nomadiis.iis.CertificateSpec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.IisHostFixture;
import io.nomadiis.iis.InstalledCertificate;
import io.nomadiis.iis.PoolAttribute;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.PoolSettings;
import io.nomadiis.iis.PoolState;
import io.nomadiis.iis.WebsiteDeployment;
import io.nomadiis.iis.WebsiteRemoval;
import io.nomadiis.iis.portable.ControlOperation.Empty;
import io.nomadiis.iis.portable.ControlOperation.Named;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control protocol against the real service (a detached JVM on loopback): every declared operation makes a
 * round trip with its typed request and answer, an {@link IisException} thrown in the service arrives as one with
 * its message and retryability, and an operation the service does not declare is refused by name.
 */
class ControlProtocolTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path temp;

    private Path stateDir;
    private ServiceClient client;
    private final Set<ControlOperation<?, ?>> sent = new LinkedHashSet<>();

    private <Q, A> A call(ControlOperation<Q, A> operation, Q request) throws IisException {
        sent.add(operation);
        return client.call(operation, request, TIMEOUT);
    }

    @AfterEach
    void removeEverything() throws Exception {
        if (client != null && client.running()) {
            client.call(
                    ControlOperation.REMOVE,
                    new WebsiteRemoval("nomad-proto", true, List.of(), List.of("nomad-proto"), List.of(), List.of()),
                    TIMEOUT);
            awaitServiceGone(stateDir);
        }
    }

    private WebsiteDeployment deployment(int port) throws Exception {
        Path www = Files.createDirectories(temp.resolve("www"));
        Files.writeString(www.resolve("index.html"), "proto");
        return IisHostFixture.staticSite(
                "nomad-proto",
                www,
                port,
                PoolSettings.none().with(PoolAttribute.SHUTDOWN_TIME_LIMIT, Duration.ofSeconds(10)));
    }

    @Test
    void everyOperation_roundTripsAgainstTheRealService_andAnIisExceptionKeepsItsTypeAndMessage() throws Exception {
        stateDir = temp.resolve("state");
        client = new ServiceClient(new StateLayout(stateDir));
        WebsiteDeployment deployment = deployment(IisHostFixture.freePort());

        call(ControlOperation.DEPLOY, deployment);
        IisException again = catchThrowableOfType(IisException.class, () -> call(ControlOperation.DEPLOY, deployment));

        assertThat(again)
                .isExactlyInstanceOf(IisException.class)
                .hasMessage("failed to create site \"nomad-proto\": app pool \"nomad-proto\" already exists");
        assertThat(again.retryable()).isFalse();

        ServiceInfo service = Json.MAPPER.readValue(
                new StateLayout(stateDir).serviceInfoFile().toFile(), ServiceInfo.class);
        assertThat(call(ControlOperation.PING, Empty.VALUE).pid()).isEqualTo(service.pid());
        assertThat(call(ControlOperation.SITE_NAMES, Empty.VALUE)).containsExactly("nomad-proto");
        assertThat(call(ControlOperation.POOL_NAMES, Empty.VALUE)).containsExactly("nomad-proto");
        assertThat(call(ControlOperation.SITE, new Named("nomad-proto")).site())
                .hasValueSatisfying(site -> assertThat(site).isEqualTo(deployment.site()));
        assertThat(call(ControlOperation.SITE, new Named("nomad-none")).site()).isEmpty();
        PoolRuntime running = call(ControlOperation.POOL_RUNTIME, new Named("nomad-proto"));
        assertThat(running.state()).isEqualTo(PoolState.STARTED);
        assertThat(running.workerPids()).hasSize(1);

        call(ControlOperation.RECYCLE_POOL, new Named("nomad-proto"));
        assertThat(call(ControlOperation.POOL_RUNTIME, new Named("nomad-proto")).workerPids())
                .hasSize(1)
                .doesNotContainAnyElementsOf(running.workerPids());
        call(ControlOperation.STOP_POOL, new Named("nomad-proto"));
        assertThat(call(ControlOperation.POOL_RUNTIME, new Named("nomad-proto")).state())
                .isEqualTo(PoolState.STOPPED);
        call(ControlOperation.START_POOL, new Named("nomad-proto"));
        assertThat(call(ControlOperation.POOL_RUNTIME, new Named("nomad-proto")).state())
                .isEqualTo(PoolState.STARTED);

        InstalledCertificate certificate =
                call(ControlOperation.INSTALL_CERTIFICATE, new CertificateSpec(null, null, null, null, null, true, ""));
        assertThat(certificate.thumbprint()).matches("[0-9A-F]{40}");
        assertThat(certificate.managed()).isTrue();

        call(
                ControlOperation.REMOVE,
                new WebsiteRemoval(
                        "nomad-proto",
                        true,
                        List.of(),
                        List.of("nomad-proto"),
                        List.of(certificate.thumbprint()),
                        List.of()));
        assertThat(call(ControlOperation.SITE_NAMES, Empty.VALUE)).isEmpty();
        assertThat(call(ControlOperation.POOL_RUNTIME, new Named("nomad-proto")).presence())
                .isEqualTo(PoolRuntime.Presence.ABSENT);

        // HAND_OVER makes the service exit: sent last, and the service of the same build is gone afterwards.
        call(ControlOperation.HAND_OVER, Empty.VALUE);
        ProcessHandle.of(service.pid()).ifPresent(p -> p.onExit().join());

        assertThat(sent).containsExactlyInAnyOrderElementsOf(ControlOperation.all());
    }

    @Test
    void undeclaredOperation_isRefusedByName_soTheDeadCertificateExistsIsGone() throws Exception {
        stateDir = temp.resolve("state");
        client = new ServiceClient(new StateLayout(stateDir));
        call(ControlOperation.PING, Empty.VALUE);
        ServiceInfo service = Json.MAPPER.readValue(
                new StateLayout(stateDir).serviceInfoFile().toFile(), ServiceInfo.class);

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + service.port() + "/op/certificateExists"))
                                .header("Authorization", "Bearer " + service.token())
                                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"AB\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        ControlError error = Json.MAPPER.readValue(response.body(), ControlError.class);
        assertThat(error.kind()).isEqualTo(ControlError.Kind.UNKNOWN_OPERATION);
        assertThat(error.message()).isEqualTo("unknown operation \"certificateExists\"");
        assertThat(ControlOperation.byName("certificateExists")).isEmpty();
    }

    @Test
    void errorAnswer_ofARetryableIisException_isThrownAgainAsOneWithItsFields() throws Exception {
        IisException thrown = new IisException("failed to start app pool \"p\": port 80 is still held", true, null);

        byte[] wire = Json.MAPPER.writeValueAsBytes(ControlError.of(thrown));
        IisException received =
                Json.MAPPER.readValue(wire, ControlError.class).toException(ControlOperation.START_POOL);

        assertThat(received).isExactlyInstanceOf(IisException.class).hasMessage(thrown.getMessage());
        assertThat(received.retryable()).isTrue();
        assertThat(new ControlError(ControlError.Kind.INTERNAL, "java.lang.NullPointerException", false)
                        .toException(ControlOperation.DEPLOY))
                .hasMessage("deploy failed inside the portable web server: java.lang.NullPointerException");
    }

    @Test
    void repeatability_isDeclaredPerOperation() {
        assertThat(ControlOperation.all().stream().filter(o -> !o.repeatable()).map(ControlOperation::name))
                .containsExactlyInAnyOrder("handOver", "deploy", "recyclePool");
    }
}
