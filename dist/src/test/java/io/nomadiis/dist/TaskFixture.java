package io.nomadiis.dist;

import com.google.protobuf.ByteString;
import io.nomadiis.driver.config.TaskConfigSpec;
import io.nomadiis.driver.config.msgpack.CtyMsgpackWriter;
import io.nomadiis.proto.drivers.PortMapping;
import io.nomadiis.proto.drivers.Resources;
import io.nomadiis.proto.drivers.TaskConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A task the way the Nomad client prepares it: an allocation directory ({@code alloc/}, {@code alloc/logs},
 * {@code <task>/local}, {@code <task>/secrets}, {@code <task>/tmp}), stdout/stderr FIFOs read by this test,
 * ports from the group network, and the {@code TaskConfig} message with the cty-msgpack task config.
 */
final class TaskFixture implements AutoCloseable {
    final String allocId = UUID.randomUUID().toString();
    final String task;
    final Path allocDir;
    final Path taskDir;
    final Map<String, Integer> ports = new LinkedHashMap<>();
    final Path stdoutFifo;
    final Path stderrFifo;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();

    TaskFixture(Path root, String task, String... portLabels) throws Exception {
        this.task = task;
        this.allocDir = root.resolve(allocId);
        this.taskDir = allocDir.resolve(task);
        for (String dir :
                List.of("alloc/logs", "alloc/data", "alloc/tmp", task + "/local", task + "/secrets", task + "/tmp")) {
            Files.createDirectories(allocDir.resolve(dir));
        }
        for (String label : portLabels) {
            ports.put(label, freePort());
        }
        stdoutFifo = allocDir.resolve("alloc/logs/." + task + ".stdout.fifo");
        stderrFifo = allocDir.resolve("alloc/logs/." + task + ".stderr.fifo");
        mkfifo(stdoutFifo);
        mkfifo(stderrFifo);
        drain(stdoutFifo, stdout);
        drain(stderrFifo, stderr);
    }

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_PORT =
            new java.util.concurrent.atomic.AtomicInteger(20000 + new java.util.Random().nextInt(10000));

    /**
     * A free port from Nomad's default dynamic range (20000-31999), below the OS's ephemeral range, so
     * it cannot collide with ports the workers or clients pick with port 0.
     */
    static int freePort() throws IOException {
        for (int i = 0; i < 2000; i++) {
            int port = 20000 + Math.floorMod(NEXT_PORT.getAndIncrement() - 20000, 12000);
            try (ServerSocket s = new ServerSocket(port)) {
                return s.getLocalPort();
            } catch (IOException busy) {
                // try the next one
            }
        }
        throw new IOException("no free port in 20000-31999");
    }

    private static void mkfifo(Path path) throws Exception {
        if (new ProcessBuilder("mkfifo", "-m", "600", path.toString()).start().waitFor() != 0) {
            throw new IOException("mkfifo failed for " + path);
        }
    }

    private static void drain(Path fifo, StringBuffer into) {
        Thread t = new Thread(
                () -> {
                    try (InputStream in = Files.newInputStream(fifo)) {
                        byte[] buffer = new byte[8192];
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        }
                    } catch (IOException ignored) {
                        // fifo gone
                    }
                },
                "fifo-drain");
        t.setDaemon(true);
        t.start();
    }

    String stdout() {
        return stdout.toString();
    }

    String stderr() {
        return stderr.toString();
    }

    /** Writes a file under the task dir. */
    Path write(String relative, String content) throws IOException {
        Path file = taskDir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    /** The TaskConfig for the given task config value tree. */
    TaskConfig config(Map<String, ?> driverConfig, Map<String, String> env) {
        Resources.Builder resources = Resources.newBuilder();
        ports.forEach((label, port) -> resources.addPorts(PortMapping.newBuilder()
                .setLabel(label)
                .setValue(port)
                .setTo(port)
                .setHostIp("127.0.0.1")));
        Map<String, String> taskEnv = new LinkedHashMap<>(env);
        taskEnv.put("NOMAD_ALLOC_ID", allocId);
        taskEnv.put("NOMAD_TASK_NAME", task);
        taskEnv.put("NOMAD_TASK_DIR", taskDir.resolve("local").toString());
        return TaskConfig.newBuilder()
                .setId(allocId + "/" + task + "/" + UUID.randomUUID().toString().substring(0, 8))
                .setName(task)
                .setAllocId(allocId)
                .setAllocDir(allocDir.toString())
                .setJobName("web-job")
                .setJobId("web-job")
                .setTaskGroupName("group")
                .setNamespace("default")
                .putAllEnv(taskEnv)
                .setResources(resources)
                .setStdoutPath(stdoutFifo.toString())
                .setStderrPath(stderrFifo.toString())
                .setMsgpackDriverConfig(
                        ByteString.copyFrom(CtyMsgpackWriter.encode(TaskConfigSpec.spec(), driverConfig)))
                .build();
    }

    @Override
    public void close() {
        // open read-write (never blocks) so drain threads that never saw a writer wake up and end
        for (Path fifo : List.of(stdoutFifo, stderrFifo)) {
            try (var channel = java.nio.channels.FileChannel.open(
                    fifo, java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(false);
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
