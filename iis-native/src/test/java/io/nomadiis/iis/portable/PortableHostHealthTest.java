package io.nomadiis.iis.portable;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.iis.HostStatus;
import io.nomadiis.iis.IisHostFixture;
import io.nomadiis.iis.PoolSettings;
import io.nomadiis.iis.WebsiteRemoval;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The portable host's health is measured: state dir writable, a running service answers. */
class PortableHostHealthTest {
    @TempDir
    Path temp;

    @Test
    void freshStateDir_isHealthy_andStartsNoService() {
        Path stateDir = temp.resolve("state");
        HostStatus status = new PortableIisHost(stateDir).status();
        assertThat(status.description()).isEqualTo("Healthy");
        assertThat(status.healthy()).isTrue();
        assertThat(new StateLayout(stateDir).serviceInfoFile()).doesNotExist();
        assertThat(PortableTestSupport.processesOf(stateDir)).isZero();
    }

    @Test
    void stateDirNotWritable_isUnhealthyNamingTheDir() throws Exception {
        Path stateDir = temp.resolve("state");
        Files.createDirectories(stateDir);
        // a file where the host's directory must go: no write into it can succeed, even as root
        Files.writeString(stateDir.resolve("iis-portable"), "not a directory");
        HostStatus status = new PortableIisHost(stateDir).status();
        assertThat(status.healthy()).isFalse();
        assertThat(status.description())
                .contains("not writable")
                .contains(stateDir.resolve("iis-portable").toAbsolutePath().toString());
    }

    @Test
    void serviceThatDoesNotAnswer_isUnhealthy() throws Exception {
        Path stateDir = temp.resolve("state");
        StateLayout layout = new StateLayout(stateDir);
        Files.createDirectories(layout.root());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        // service.json naming a live process (this JVM) whose control port accepts no connection: a hung
        // or half-dead service as the plugin would find it
        Files.write(
                layout.serviceInfoFile(),
                Json.MAPPER.writeValueAsBytes(
                        new ServiceInfo(ProcessHandle.current().pid(), closedPort, "token", "other-build")));
        HostStatus status = new PortableIisHost(stateDir).status();
        assertThat(status.healthy()).isFalse();
        assertThat(status.description()).contains("does not answer").contains(":" + closedPort);
    }

    @Test
    void runningServiceThatAnswers_isHealthy() throws Exception {
        Path stateDir = temp.resolve("state");
        PortableIisHost host = new PortableIisHost(stateDir);
        Path www = Files.createDirectories(temp.resolve("www"));
        Files.writeString(www.resolve("index.html"), "ok");
        String name = "nomad-health";
        int port = IisHostFixture.freePort();
        host.deploy(IisHostFixture.staticSite(name, www, port, PoolSettings.none()));
        try {
            assertThat(layout(stateDir).serviceInfoFile()).exists();
            HostStatus status = host.status();
            assertThat(status.description()).isEqualTo("Healthy");
            assertThat(status.healthy()).isTrue();
        } finally {
            host.remove(new WebsiteRemoval(name, true, List.of(), List.of(name), List.of(), List.of()));
            PortableTestSupport.awaitServiceGone(stateDir);
        }
    }

    private static StateLayout layout(Path stateDir) {
        return new StateLayout(stateDir);
    }
}
