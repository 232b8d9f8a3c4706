package io.nomadiis.mgmt;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import io.nomadiis.driver.task.TaskDirectory;
import io.nomadiis.driver.task.TaskIdentity;
import io.nomadiis.driver.task.TaskView;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.windows.WindowsIisHostOnDouble;
import io.nomadiis.mgmt.files.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A running management server on 127.0.0.1:0 with one registered task, and a real HTTP client. */
final class ApiFixture implements AutoCloseable {
    static final String API_KEY = "test-api-key-0123456789";
    static final String JWT_SECRET = "test-jwt-secret-that-is-long-enough-0123456789";
    static final String ALLOC = "0b5e1c2d-1111-2222-3333-444455556666";
    static final String TASK = "web";

    final Path root;
    final Path taskDir;
    final TestTasks tasks = new TestTasks();
    final IisHost host;
    final ManagementServer server;
    final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    TaskView task;
    /** The IIS the fixture deployed the task's site to and closes, or null when the caller owns the host. */
    private WindowsIisHostOnDouble iis;

    ApiFixture(IisHost host, Limits limits) throws IOException {
        this(host, limits, ManagementOptions.of(0, API_KEY, JWT_SECRET, false));
    }

    ApiFixture(IisHost host, Limits limits, ManagementOptions options) throws IOException {
        this(host, limits, options, null);
    }

    /** @param directory the task directory to serve (e.g. the driver core's registry), or null for {@link #tasks} */
    ApiFixture(IisHost host, Limits limits, ManagementOptions options, TaskDirectory directory) throws IOException {
        this.host = host;
        this.root = Files.createTempDirectory("mgmt-test");
        Path allocDir = Files.createDirectories(root.resolve("alloc").resolve(ALLOC));
        this.taskDir = Files.createDirectories(allocDir.resolve(TASK));
        Files.createDirectories(taskDir.resolve("local"));
        Map<String, String> pools = new LinkedHashMap<>();
        pools.put("default", "nomad-" + ALLOC.substring(0, 8) + "-" + TASK);
        task = new TaskView(
                new TaskIdentity(ALLOC + "/" + TASK + "/abc", ALLOC, TASK, "default", "shop", "shop", "frontend"),
                allocDir,
                taskDir,
                pools,
                "default",
                "nomad-" + ALLOC.substring(0, 8) + "-" + TASK,
                true,
                List.of(),
                Instant.now(),
                false);
        tasks.add(task);
        this.server = new ManagementServer(
                options.withAddress("127.0.0.1").withLimits(limits), directory == null ? tasks : directory, host, null);
        server.start();
    }

    /**
     * A fixture whose task's site and default pool are deployed on the real Windows host over the in-memory IIS
     * ({@link WindowsIisHostOnDouble}): the pool is Started with a real worker process. Closing the fixture closes
     * the host.
     */
    static ApiFixture onIisDouble(Limits limits) throws IOException {
        return onIisDouble(new WindowsIisHostOnDouble(), limits, ManagementOptions.of(0, API_KEY, JWT_SECRET, false));
    }

    /** {@link #onIisDouble(Limits)} with the server's options. */
    static ApiFixture onIisDouble(Limits limits, ManagementOptions options) throws IOException {
        return onIisDouble(new WindowsIisHostOnDouble(), limits, options);
    }

    /** {@link #onIisDouble(Limits)} on the given IIS, which the fixture closes. */
    static ApiFixture onIisDouble(WindowsIisHostOnDouble iis, Limits limits, ManagementOptions options)
            throws IOException {
        ApiFixture api;
        try {
            api = new ApiFixture(iis.host(), limits, options);
        } catch (IOException | RuntimeException e) {
            iis.close();
            throw e;
        }
        api.iis = iis;
        try {
            iis.deploySite(api.task.websiteName(), api.defaultPool(), api.taskDir.resolve("local"));
        } catch (IisException | RuntimeException e) {
            api.close();
            throw new IOException("cannot deploy the task's site: " + e.getMessage(), e);
        }
        return api;
    }

    /** The IIS name of the task's default pool. */
    String defaultPool() {
        return task.appPools().get(task.defaultPoolAlias());
    }

    /** The default pool's runtime as the host reports it now. */
    PoolRuntime defaultPoolRuntime() {
        return host.poolRuntime(defaultPool());
    }

    /** The runtime methods the fixture's IIS was asked to run so far, as {@code Method object}. */
    List<String> iisMethodCalls() {
        return iis.methodCalls();
    }

    /** Whether the process has ended, waiting up to 30 s for it to (a killed worker ends once it is reaped). */
    static boolean ends(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    void replaceTask(TaskView view) {
        tasks.remove(task);
        task = view;
        tasks.add(view);
    }

    TaskView taskWithBindings(List<BindingSpec> bindings) {
        return new TaskView(
                task.identity(),
                task.allocDir(),
                task.taskDir(),
                task.appPools(),
                task.defaultPoolAlias(),
                task.websiteName(),
                true,
                bindings,
                task.startedAt(),
                false);
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    String taskUrl(String rest) {
        return base() + "/api/v1/allocs/" + ALLOC + "/" + TASK + "/" + rest;
    }

    HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    }

    HttpRequest.Builder authed(String url) {
        return request(url).header("X-Api-Key", API_KEY);
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> sendBytes(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return send(authed(url).GET().build());
    }

    HttpResponse<String> upload(String method, String url, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return send(authed(url)
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    /** A token signed with the fixture's secret; the customizer adds or overrides claims. */
    static String token(java.util.function.Consumer<JWTCreator.Builder> claims) {
        JWTCreator.Builder b = JWT.create()
                .withIssuer("NomadIIS")
                .withAudience("ManagementApi")
                .withExpiresAt(Instant.now().plusSeconds(300));
        claims.accept(b);
        return b.sign(Algorithm.HMAC256(JWT_SECRET));
    }

    /** Sends raw bytes over a socket and returns the whole response text (the server closes or times out). */
    String raw(String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = in.readNBytes(8192);
            return new String(buf, StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
            if (iis != null) {
                iis.close();
            }
        } finally {
            Trees.deleteRecursively(root);
        }
    }
}
