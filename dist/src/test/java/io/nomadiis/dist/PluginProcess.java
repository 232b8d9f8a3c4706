package io.nomadiis.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.nomadiis.proto.base.BasePluginGrpc;
import io.nomadiis.proto.drivers.DriverGrpc;
import io.nomadiis.proto.goplugin.Empty;
import io.nomadiis.proto.goplugin.GRPCControllerGrpc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Test harness: the packaged {@code nomad_iis} launched as a child process exactly the way the Nomad
 * client launches it (magic cookie, {@code PLUGIN_MIN_PORT=10000}, {@code PLUGIN_MAX_PORT=25000},
 * {@code PLUGIN_PROTOCOL_VERSIONS=2}), its handshake line read, and a gRPC channel to the printed
 * address. stdout and stderr are collected line by line. {@link #close()} shuts the plugin down the
 * way Nomad does (controller Shutdown, then kill) and then asserts the process contract: stdout held
 * exactly the handshake line and every stderr line is an hclog JSON entry.
 *
 * <pre>{@code
 * try (PluginProcess plugin = PluginProcess.launch()) {
 *     plugin.base().pluginInfo(PluginInfoRequest.getDefaultInstance());
 *     plugin.driver().capabilities(CapabilitiesRequest.getDefaultInstance());
 * }
 * }</pre>
 */
public final class PluginProcess implements AutoCloseable {

    /** Nomad's magic cookie. */
    public static final String COOKIE = "e4327c2e01eabfd75a8a67adb114fb34a757d57eee7728d857a8cec6e91a7255";
    /** Generous wait for anything the plugin does (the build machine is shared and slow). */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final Pattern HANDSHAKE = Pattern.compile("1\\|2\\|tcp\\|127\\.0\\.0\\.1:(\\d+)\\|grpc\\|?");
    private static final Pattern TIMESTAMP =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}(Z|[+-]\\d{2}:\\d{2})");
    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> firstLine = new CompletableFuture<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private String handshake;
    private int port;
    private ManagedChannel channel;
    private boolean killed;

    private PluginProcess(Process process) {
        this.process = process;
        this.stdoutReader = pump(process.getInputStream(), stdout, firstLine, "plugin-stdout");
        this.stderrReader = pump(process.getErrorStream(), stderr, null, "plugin-stderr");
    }

    /** The packaged plugin dir ({@code -Dnomad_iis.plugin_dir}, else {@code target/plugin_dir}). */
    public static Path pluginDir() {
        String dir = System.getProperty("nomad_iis.plugin_dir");
        return dir != null ? Path.of(dir) : Path.of("target", "plugin_dir").toAbsolutePath();
    }

    /** The binary Nomad would run: {@code nomad_iis}, or {@code nomad_iis.exe} on Windows. */
    public static Path binary() {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        return pluginDir().resolve(windows ? "nomad_iis.exe" : "nomad_iis");
    }

    /** The variables the Nomad client adds to the plugin's environment. */
    public static Map<String, String> nomadEnvironment() {
        return Map.of(
                "NOMAD_PLUGIN_MAGIC_COOKIE",
                COOKIE,
                "PLUGIN_MIN_PORT",
                "10000",
                "PLUGIN_MAX_PORT",
                "25000",
                "PLUGIN_PROTOCOL_VERSIONS",
                "2");
    }

    /** Launches with no arguments and Nomad's environment, and waits for the handshake. */
    public static PluginProcess launch() throws IOException {
        return launch(List.of(), Map.of());
    }

    /**
     * Launches with {@code args} and Nomad's environment plus {@code extraEnv} (which may override
     * it), waits for the handshake line and connects.
     */
    public static PluginProcess launch(List<String> args, Map<String, String> extraEnv) throws IOException {
        return launch(binary(), args, extraEnv);
    }

    /** Like {@link #launch(List, Map)} but runs {@code binary} (e.g. a copy installed elsewhere). */
    public static PluginProcess launch(Path binary, List<String> args, Map<String, String> extraEnv)
            throws IOException {
        Map<String, String> env = new HashMap<>(nomadEnvironment());
        env.putAll(extraEnv);
        PluginProcess plugin = new PluginProcess(start(binary, args, env));
        plugin.awaitHandshake();
        return plugin;
    }

    /**
     * Starts the binary with exactly the given extra environment (the test's own environment minus
     * any go-plugin variables, plus {@code env}) and does not wait for a handshake; for tests of
     * launches that must fail or of commands that need no cookie.
     */
    public static Process start(List<String> args, Map<String, String> env) throws IOException {
        return start(binary(), args, env);
    }

    private static Process start(Path binary, List<String> args, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(key -> key.startsWith("PLUGIN_") || key.startsWith("NOMAD_"));
        environment.putAll(env);
        return builder.start();
    }

    /**
     * Runs the binary to completion with {@code env} and returns its exit code and output.
     *
     * @throws AssertionError when it does not exit within {@link #PATIENCE}
     */
    public static Finished run(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
        Process process = start(args, env);
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("nomad_iis " + args + " did not exit within " + PATIENCE);
        }
        return new Finished(process.exitValue(), out.join(), err.join());
    }

    /** What a finished run printed. */
    public record Finished(int exitCode, String stdout, String stderr) {}

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static Thread pump(InputStream in, List<String> lines, CompletableFuture<String> first, String name) {
        Thread thread = new Thread(
                () -> {
                    try (BufferedReader reader =
                            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            lines.add(line);
                            if (first != null) {
                                first.complete(line);
                            }
                        }
                    } catch (IOException ignored) {
                        // process gone
                    } finally {
                        if (first != null) {
                            first.complete(null);
                        }
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void awaitHandshake() throws IOException {
        String line;
        try {
            line = firstLine.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("no handshake line within " + PATIENCE + "; stderr: " + stderr, e);
        }
        if (line == null) {
            throw new IOException("plugin exited before the handshake; stderr: " + String.join("\n", stderr));
        }
        var matcher = HANDSHAKE.matcher(line.trim());
        if (!matcher.matches()) {
            process.destroyForcibly();
            throw new IOException("not a go-plugin handshake line: \"" + line + "\"");
        }
        handshake = line;
        port = Integer.parseInt(matcher.group(1));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .maxInboundMessageSize(Integer.MAX_VALUE)
                .build();
    }

    /** The handshake line as printed (without the newline). */
    public String handshakeLine() {
        return handshake;
    }

    /** The gRPC port from the handshake line. */
    public int port() {
        return port;
    }

    /** The channel to the plugin. */
    public ManagedChannel channel() {
        return channel;
    }

    /** Blocking stub of Nomad's Driver service. */
    public DriverGrpc.DriverBlockingStub driver() {
        return DriverGrpc.newBlockingStub(channel);
    }

    /** Async stub of Nomad's Driver service (streams, concurrent WaitTask). */
    public DriverGrpc.DriverStub driverAsync() {
        return DriverGrpc.newStub(channel);
    }

    /** Blocking stub of Nomad's BasePlugin service. */
    public BasePluginGrpc.BasePluginBlockingStub base() {
        return BasePluginGrpc.newBlockingStub(channel);
    }

    /** Blocking stub of the gRPC health service. */
    public HealthGrpc.HealthBlockingStub health() {
        return HealthGrpc.newBlockingStub(channel);
    }

    /** Health status of {@code service}. */
    public HealthCheckResponse.ServingStatus healthOf(String service) {
        return health().check(
                        HealthCheckRequest.newBuilder().setService(service).build())
                .getStatus();
    }

    /** Blocking stub of go-plugin's controller. */
    public GRPCControllerGrpc.GRPCControllerBlockingStub controller() {
        return GRPCControllerGrpc.newBlockingStub(channel);
    }

    /** The OS process id (the JVM's, since the launcher execs it). */
    public long pid() {
        return process.pid();
    }

    /** The child process. */
    public Process process() {
        return process;
    }

    /** Lines printed on stdout so far. */
    public List<String> stdoutLines() {
        return List.copyOf(stdout);
    }

    /** Lines printed on stderr so far. */
    public List<String> stderrLines() {
        return List.copyOf(stderr);
    }

    /** Waits until a stderr line matches; returns it. */
    public String awaitStderr(Predicate<String> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : stderr) {
                if (condition.test(line)) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no matching stderr line within " + timeout + "; stderr: " + stderr);
    }

    /** Waits for the process to exit; returns whether it did within {@code timeout}. */
    public boolean waitForExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Kills the process with SIGKILL (TerminateProcess on Windows) and waits for it, as a crash would. */
    public void kill9() throws InterruptedException {
        killed = true;
        process.destroyForcibly();
        process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Stops the plugin as Nomad does (controller Shutdown, then a forced kill if it is still alive
     * after {@link #PATIENCE}), closes the channel, and asserts the output contract.
     */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            try {
                controller().withDeadlineAfter(10, TimeUnit.SECONDS).shutdown(Empty.getDefaultInstance());
            } catch (RuntimeException ignored) {
                // exiting already
            }
            if (!waitForExit(PATIENCE)) {
                kill9();
            }
        }
        if (channel != null) {
            channel.shutdownNow();
            channel.awaitTermination(5, TimeUnit.SECONDS);
        }
        stdoutReader.join(TimeUnit.SECONDS.toMillis(10));
        stderrReader.join(TimeUnit.SECONDS.toMillis(10));
        assertOutputContract();
    }

    /** stdout is exactly the handshake line; every stderr line is hclog JSON with a valid {@code @timestamp}. */
    public void assertOutputContract() {
        if (stdout.size() != 1) {
            throw new AssertionError("stdout must hold exactly the handshake line, but held " + stdout);
        }
        for (String line : stderr) {
            String problem = hclogProblem(line);
            if (problem != null && !(killed && line.isBlank())) {
                throw new AssertionError("stderr line is not hclog JSON (" + problem + "): " + line);
            }
        }
    }

    /** Why {@code line} is not a valid hclog JSON entry, or null when it is. */
    public static String hclogProblem(String line) {
        JsonNode entry;
        try {
            entry = JSON.readTree(line);
        } catch (IOException e) {
            return "not JSON";
        }
        if (entry == null || !entry.isObject()) {
            return "not a JSON object";
        }
        if (!LEVELS.contains(entry.path("@level").asText())) {
            return "bad @level";
        }
        if (!entry.path("@message").isTextual()) {
            return "no @message";
        }
        if (!TIMESTAMP.matcher(entry.path("@timestamp").asText()).matches()) {
            return "bad @timestamp";
        }
        return null;
    }

    /** Whether {@code path} exists; a helper for tests that skip without a package. */
    static boolean packaged() {
        return Files.isExecutable(binary());
    }
}
