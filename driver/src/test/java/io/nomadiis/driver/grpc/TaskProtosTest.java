package io.nomadiis.driver.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.driver.task.TaskPort;
import io.nomadiis.driver.task.TaskRequest;
import io.nomadiis.driver.task.stats.ResourceUsage;
import io.nomadiis.driver.task.stats.TaskStatsSample;
import io.nomadiis.proto.drivers.AllocatedTaskResources;
import io.nomadiis.proto.drivers.CPUUsage;
import io.nomadiis.proto.drivers.NetworkPort;
import io.nomadiis.proto.drivers.NetworkResource;
import io.nomadiis.proto.drivers.PortMapping;
import io.nomadiis.proto.drivers.Resources;
import io.nomadiis.proto.drivers.TaskConfig;
import io.nomadiis.proto.drivers.TaskStats;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskProtosTest {

    @Test
    void request_taskConfig_identityPathsAndPortsFromMappingsAndNetworks() {
        TaskConfig config = TaskConfig.newBuilder()
                .setId("a1/web/xyz")
                .setName("web")
                .setAllocId("a1")
                .setAllocDir("/alloc/a1")
                .setJobName("job")
                .setJobId("job-id")
                .setTaskGroupName("g")
                .setNamespace("ns")
                .putEnv("K", "V")
                .setStdoutPath("/fifo/out")
                .setResources(Resources.newBuilder()
                        .addPorts(PortMapping.newBuilder()
                                .setLabel("http")
                                .setValue(25000)
                                .setHostIp("10.0.0.1"))
                        .setAllocatedResources(AllocatedTaskResources.newBuilder()
                                .addNetworks(NetworkResource.newBuilder()
                                        .setIp("10.0.0.2")
                                        .addReservedPorts(NetworkPort.newBuilder()
                                                .setLabel("admin")
                                                .setValue(8080))
                                        .addDynamicPorts(NetworkPort.newBuilder()
                                                .setLabel("http")
                                                .setValue(1)))))
                .build();
        TaskRequest request = TaskProtos.request(config);
        assertThat(request.taskId()).isEqualTo("a1/web/xyz");
        assertThat(request.identity().allocId()).isEqualTo("a1");
        assertThat(request.identity().namespace()).isEqualTo("ns");
        assertThat(request.taskDir()).isEqualTo(Path.of("/alloc/a1/web"));
        assertThat(request.env()).containsEntry("K", "V");
        assertThat(request.ports())
                .containsExactly(
                        new TaskPort("http", 25000, 0, "10.0.0.1"), new TaskPort("admin", 8080, 0, "10.0.0.2"));
        assertThat(request.driverConfig()).isEmpty();
    }

    @Test
    void stats_noWorkers_timestampAndAggregateStillSet() {
        TaskStats stats = TaskProtos.stats(
                new TaskStatsSample("t1", Instant.ofEpochSecond(5), ResourceUsage.none(false), Map.of()));
        assertThat(stats.hasTimestamp()).isTrue();
        assertThat(stats.getTimestamp().getSeconds()).isEqualTo(5);
        assertThat(stats.hasAggResourceUsage()).isTrue();
        assertThat(stats.getAggResourceUsage().getCpu().getMeasuredFieldsList())
                .containsExactlyInAnyOrder(
                        CPUUsage.Fields.PERCENT, CPUUsage.Fields.USER_MODE, CPUUsage.Fields.SYSTEM_MODE)
                .doesNotContain(CPUUsage.Fields.TOTAL_TICKS);
    }

    @Test
    void stats_perPid_keyedByPidWithTicksWhenKnown() {
        ResourceUsage usage = new ResourceUsage(50, 30, 20, 1500, true, 4096);
        TaskStats stats = TaskProtos.stats(new TaskStatsSample("t1", Instant.now(), usage, Map.of(42L, usage)));
        assertThat(stats.getResourceUsageByPidMap()).containsOnlyKeys("42");
        assertThat(stats.getAggResourceUsage().getMemory().getRss()).isEqualTo(4096);
        assertThat(stats.getAggResourceUsage().getCpu().getTotalTicks()).isEqualTo(1500);
        assertThat(stats.getAggResourceUsage().getCpu().getMeasuredFieldsList()).contains(CPUUsage.Fields.TOTAL_TICKS);
    }
}
