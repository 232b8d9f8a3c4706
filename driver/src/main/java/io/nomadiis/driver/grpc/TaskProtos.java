package io.nomadiis.driver.grpc;

import com.google.protobuf.Timestamp;
import io.nomadiis.driver.task.TaskEvent;
import io.nomadiis.driver.task.TaskIdentity;
import io.nomadiis.driver.task.TaskPort;
import io.nomadiis.driver.task.TaskRequest;
import io.nomadiis.driver.task.stats.ResourceUsage;
import io.nomadiis.driver.task.stats.TaskStatsSample;
import io.nomadiis.proto.drivers.CPUUsage;
import io.nomadiis.proto.drivers.DriverTaskEvent;
import io.nomadiis.proto.drivers.MemoryUsage;
import io.nomadiis.proto.drivers.NetworkPort;
import io.nomadiis.proto.drivers.NetworkResource;
import io.nomadiis.proto.drivers.PortMapping;
import io.nomadiis.proto.drivers.TaskConfig;
import io.nomadiis.proto.drivers.TaskDriverStatus;
import io.nomadiis.proto.drivers.TaskResourceUsage;
import io.nomadiis.proto.drivers.TaskStats;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Translates between the driver protocol's messages and the driver core's records. */
final class TaskProtos {

    private TaskProtos() {}

    /** The core's view of a {@code TaskConfig}. */
    static TaskRequest request(TaskConfig c) {
        TaskIdentity identity = new TaskIdentity(
                c.getId(),
                c.getAllocId(),
                c.getName(),
                c.getNamespace(),
                c.getJobId(),
                c.getJobName(),
                c.getTaskGroupName());
        long cpu = c.getResources().getAllocatedResources().getCpu().getCpuShares();
        long memory = c.getResources().getAllocatedResources().getMemory().getMemoryMb();
        return new TaskRequest(
                identity,
                Path.of(c.getAllocDir().isEmpty() ? "." : c.getAllocDir()),
                c.getEnvMap(),
                ports(c),
                c.getStdoutPath(),
                c.getStderrPath(),
                cpu,
                memory,
                c.getMsgpackDriverConfig().toByteArray());
    }

    /** The task's ports: the port mappings, then the networks' reserved and dynamic ports not mapped already. */
    static List<TaskPort> ports(TaskConfig c) {
        List<TaskPort> ports = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (PortMapping p : c.getResources().getPortsList()) {
            if (labels.add(p.getLabel())) {
                ports.add(new TaskPort(p.getLabel(), p.getValue(), p.getTo(), p.getHostIp()));
            }
        }
        for (NetworkResource n : c.getResources().getAllocatedResources().getNetworksList()) {
            List<NetworkPort> all = new ArrayList<>(n.getReservedPortsList());
            all.addAll(n.getDynamicPortsList());
            for (NetworkPort p : all) {
                if (labels.add(p.getLabel())) {
                    ports.add(new TaskPort(p.getLabel(), p.getValue(), 0, n.getIp()));
                }
            }
        }
        return ports;
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    static io.nomadiis.proto.drivers.ExitResult exitResult(io.nomadiis.driver.task.TaskExit r) {
        return io.nomadiis.proto.drivers.ExitResult.newBuilder()
                .setExitCode(r.exitCode())
                .setSignal(r.signal())
                .build();
    }

    static io.nomadiis.proto.drivers.TaskStatus status(io.nomadiis.driver.task.TaskInspection s) {
        io.nomadiis.driver.task.TaskExit result =
                s.result() == null ? new io.nomadiis.driver.task.TaskExit(0, 0, "") : s.result();
        Instant completed = s.completedAt() == null ? Instant.EPOCH : s.completedAt();
        return io.nomadiis.proto.drivers.TaskStatus.newBuilder()
                .setId(s.taskId())
                .setName(s.taskName())
                .setState(
                        s.state() == io.nomadiis.driver.task.TaskRunState.RUNNING
                                ? io.nomadiis.proto.drivers.TaskState.RUNNING
                                : io.nomadiis.proto.drivers.TaskState.EXITED)
                .setStartedAt(timestamp(s.startedAt()))
                .setCompletedAt(timestamp(completed))
                .setResult(exitResult(result))
                .build();
    }

    static TaskDriverStatus driverStatus(io.nomadiis.driver.task.TaskInspection s) {
        return TaskDriverStatus.newBuilder()
                .putAllAttributes(s.driverAttributes())
                .build();
    }

    static DriverTaskEvent event(TaskEvent e) {
        return DriverTaskEvent.newBuilder()
                .setTaskId(e.taskId())
                .setAllocId(e.allocId())
                .setTaskName(e.taskName())
                .setTimestamp(timestamp(e.timestamp()))
                .setMessage(e.message())
                .putAllAnnotations(e.annotations())
                .build();
    }

    /** A stats message; timestamp and aggregate usage are always set, as Nomad requires. */
    static TaskStats stats(TaskStatsSample s) {
        TaskStats.Builder b = TaskStats.newBuilder()
                .setId(s.taskId())
                .setTimestamp(timestamp(s.timestamp()))
                .setAggResourceUsage(usage(s.aggregate()));
        s.byPid().forEach((pid, usage) -> b.putResourceUsageByPid(Long.toString(pid), usage(usage)));
        return b.build();
    }

    private static TaskResourceUsage usage(ResourceUsage u) {
        CPUUsage.Builder cpu = CPUUsage.newBuilder()
                .setPercent(u.cpuPercent())
                .setUserMode(u.userPercent())
                .setSystemMode(u.systemPercent())
                .addMeasuredFields(CPUUsage.Fields.PERCENT)
                .addMeasuredFields(CPUUsage.Fields.USER_MODE)
                .addMeasuredFields(CPUUsage.Fields.SYSTEM_MODE);
        if (u.ticksMeasured()) {
            cpu.setTotalTicks(u.totalTicks()).addMeasuredFields(CPUUsage.Fields.TOTAL_TICKS);
        }
        MemoryUsage memory = MemoryUsage.newBuilder()
                .setRss(u.rssBytes())
                .addMeasuredFields(MemoryUsage.Fields.RSS)
                .build();
        return TaskResourceUsage.newBuilder().setCpu(cpu).setMemory(memory).build();
    }
}
