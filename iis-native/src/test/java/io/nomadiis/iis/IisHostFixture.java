package io.nomadiis.iis;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Builders, ports, HTTP and polling for the {@link IisHost} contract tests and the portable host's own tests. */
public final class IisHostFixture {
    static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private IisHostFixture() {}

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static AppPoolSpec pool(String name) {
        return pool(name, null, Map.of());
    }

    static AppPoolSpec pool(String name, ServiceUnavailableResponse unavailable, Map<String, String> env) {
        return new AppPoolSpec(
                name,
                PoolIdentity.APPLICATION_POOL_IDENTITY,
                null,
                null,
                PoolSettings.none()
                        .with(PoolAttribute.LOAD_BALANCER_CAPABILITIES, unavailable)
                        .with(PoolAttribute.SHUTDOWN_TIME_LIMIT, Duration.ofSeconds(10)),
                env,
                List.of(),
                null,
                null);
    }

    static AppPoolSpec pool(String name, Path stdout, Path stderr) {
        return new AppPoolSpec(
                name,
                PoolIdentity.APPLICATION_POOL_IDENTITY,
                null,
                null,
                PoolSettings.none().with(PoolAttribute.SHUTDOWN_TIME_LIMIT, Duration.ofSeconds(10)),
                Map.of(),
                List.of(),
                stdout,
                stderr);
    }

    static ApplicationSpec app(String path, Path folder, String pool, VirtualDirectorySpec... vdirs) {
        return new ApplicationSpec(path, folder, pool, null, null, null, List.of(vdirs), List.of());
    }

    static BindingSpec http(int port) {
        return new BindingSpec("http", "*", port, "", false, null);
    }

    static BindingSpec https(int port, String thumbprint) {
        return new BindingSpec("https", "*", port, "", false, thumbprint);
    }

    /**
     * The smallest owned site: pool {@code name} with {@code settings}, one http binding on all addresses at
     * {@code port}, and the root application serving {@code www}.
     */
    public static WebsiteDeployment staticSite(String name, Path www, int port, PoolSettings settings) {
        AppPoolSpec pool = new AppPoolSpec(
                name, PoolIdentity.APPLICATION_POOL_IDENTITY, null, null, settings, Map.of(), List.of(), null, null);
        return site(name, List.of(pool), List.of(http(port)), List.of(app("/", www, name)));
    }

    static WebsiteDeployment site(
            String name, List<AppPoolSpec> pools, List<BindingSpec> bindings, List<ApplicationSpec> apps) {
        return new WebsiteDeployment(
                pools, new SiteSpec(name, bindings, apps, pools.get(0).name()), true, List.of());
    }

    static WebsiteRemoval removal(WebsiteDeployment deployment, List<String> thumbprints) {
        List<String> paths = new ArrayList<>();
        if (!deployment.ownsSite()) {
            deployment.site().applications().forEach(a -> paths.add(a.path()));
        }
        return new WebsiteRemoval(
                deployment.site().name(),
                deployment.ownsSite(),
                paths,
                deployment.pools().stream().map(AppPoolSpec::name).toList(),
                List.of(),
                thumbprints);
    }

    static Path folder(Path parent, String name, Map<String, String> files) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        return dir;
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return get(HTTP, url);
    }

    static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls until the condition holds, failing after {@code seconds}. */
    static void await(String what, int seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
        }
        fail("timed out after " + seconds + " s waiting for " + what);
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
