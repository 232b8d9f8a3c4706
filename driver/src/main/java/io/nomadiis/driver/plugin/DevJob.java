package io.nomadiis.driver.plugin;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.nomadiis.driver.config.TaskConfigSpec;
import io.nomadiis.driver.config.msgpack.CtyMsgpackWriter;
import io.nomadiis.proto.drivers.DestroyTaskRequest;
import io.nomadiis.proto.drivers.DriverGrpc;
import io.nomadiis.proto.drivers.PortMapping;
import io.nomadiis.proto.drivers.Resources;
import io.nomadiis.proto.drivers.StartTaskRequest;
import io.nomadiis.proto.drivers.StopTaskRequest;
import io.nomadiis.proto.drivers.TaskConfig;
import io.nomadiis.proto.drivers.WaitTaskRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The default job dev mode runs: one IIS task with a static site (a sample page written into a fresh
 * allocation directory) bound over http to a free port, started through the plugin's real StartTask with
 * the cty-msgpack bytes Nomad would send, and stopped and destroyed the way Nomad does.
 */
public final class DevJob implements AutoCloseable {
    private static final String TASK = "web";

    private final DriverGrpc.DriverBlockingStub driver;
    private final Path workDir;
    private final String taskId;
    private final int port;

    @GuardedBy("this")
    private boolean stopped;

    private DevJob(DriverGrpc.DriverBlockingStub driver, Path workDir, String taskId, int port) {
        this.driver = driver;
        this.workDir = workDir;
        this.taskId = taskId;
        this.port = port;
    }

    /** Prepares an allocation directory in a new temp directory and starts the task. */
    public static DevJob start(DevSession session) throws IOException {
        ManagedChannel channel = session.channel();
        String allocId = UUID.randomUUID().toString();
        Path workDir = Files.createTempDirectory("nomad_iis-dev");
        Path allocDir = workDir.resolve(allocId).toAbsolutePath();
        for (String dir : List.of(
                "alloc/logs", "alloc/data", "alloc/tmp", TASK + "/local/site", TASK + "/secrets", TASK + "/tmp")) {
            Files.createDirectories(allocDir.resolve(dir));
        }
        Files.writeString(allocDir.resolve(TASK + "/local/site/index.html"), samplePage(allocId));
        int port = freePort();
        byte[] msgpack = CtyMsgpackWriter.encode(
                TaskConfigSpec.spec(),
                Map.of(
                        "application", List.of(Map.of("path", "local/site")),
                        "binding", List.of(Map.of("type", "http", "port", "http"))));
        TaskConfig config = TaskConfig.newBuilder()
                .setId(allocId + "/" + TASK + "/" + allocId.substring(0, 8))
                .setName(TASK)
                .setAllocId(allocId)
                .setAllocDir(allocDir.toString())
                .setJobName("dev")
                .setJobId("dev")
                .setTaskGroupName("dev")
                .setNamespace("default")
                .putEnv("NOMAD_ALLOC_ID", allocId)
                .putEnv("NOMAD_TASK_NAME", TASK)
                .setResources(Resources.newBuilder()
                        .addPorts(PortMapping.newBuilder()
                                .setLabel("http")
                                .setValue(port)
                                .setTo(port)
                                .setHostIp("127.0.0.1")))
                .setStdoutPath(
                        allocDir.resolve("alloc/logs/" + TASK + ".stdout").toString())
                .setStderrPath(
                        allocDir.resolve("alloc/logs/" + TASK + ".stderr").toString())
                .setMsgpackDriverConfig(ByteString.copyFrom(msgpack))
                .build();
        DriverGrpc.DriverBlockingStub driver = DriverGrpc.newBlockingStub(channel);
        driver.withDeadlineAfter(2, TimeUnit.MINUTES)
                .startTask(StartTaskRequest.newBuilder().setTask(config).build());
        return new DevJob(driver, workDir, config.getId(), port);
    }

    /** Where the site answers. */
    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** Stops the task (StopTask, WaitTask, DestroyTask) and deletes its temp directory; idempotent. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        driver.withDeadlineAfter(1, TimeUnit.MINUTES)
                .stopTask(StopTaskRequest.newBuilder().setTaskId(taskId).build());
        driver.withDeadlineAfter(1, TimeUnit.MINUTES)
                .waitTask(WaitTaskRequest.newBuilder().setTaskId(taskId).build());
        driver.withDeadlineAfter(1, TimeUnit.MINUTES)
                .destroyTask(DestroyTaskRequest.newBuilder()
                        .setTaskId(taskId)
                        .setForce(true)
                        .build());
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is harmless
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String samplePage(String allocId) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>nomad_iis dev</title></head>\n"
                + "<body><h1>Hello from nomad_iis</h1>\n<p>This page is served by an IIS task (allocation "
                + allocId + ") started through the driver's StartTask on the " + "portable IIS host.</p>\n"
                + "</body></html>\n";
    }
}
