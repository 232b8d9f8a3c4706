package io.nomadiis.iis.portable;

import io.nomadiis.files.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What one pool worker process serves, handed from the service to the worker as a small properties
 * file (so the worker needs no JSON library): the pool's applications and virtual directories, the
 * task's output sinks, time limits, and where the worker reports readiness and its child processes.
 *
 * @param poolName the IIS pool name
 * @param applications the applications this pool runs, on any site
 * @param stdoutPath the task's stdout sink, or null
 * @param stderrPath the task's stderr sink, or null
 * @param startupTimeLimit how long an ANCM child may take to accept connections
 * @param shutdownTimeLimit how long in-flight requests may take when the worker stops
 * @param readyFile where the worker writes {@code pid} and {@code port} once it serves
 * @param childrenFile where the worker records the PIDs of its ANCM child processes
 */
public record WorkerSpec(
        String poolName,
        List<Mount> applications,
        Path stdoutPath,
        Path stderrPath,
        Duration startupTimeLimit,
        Duration shutdownTimeLimit,
        Path readyFile,
        Path childrenFile) {
    public WorkerSpec {
        applications = List.copyOf(applications);
    }

    /**
     * An application (or a virtual directory inside one) as mounted in a site's URL space.
     *
     * @param site the site name
     * @param path the URL path of the application, {@code /} or {@code /alias}
     * @param physicalPath the application's folder
     * @param virtualDirectories the application's virtual directories, paths relative to the application
     */
    public record Mount(String site, String path, Path physicalPath, List<VirtualDirectory> virtualDirectories) {
        public Mount {
            virtualDirectories = List.copyOf(virtualDirectories);
        }
    }

    /**
     * A virtual directory of an application.
     *
     * @param path relative to its application, e.g. {@code /media}
     * @param physicalPath the folder it serves
     */
    public record VirtualDirectory(String path, Path physicalPath) {}

    /** Writes the spec to a file (owner-readable only). */
    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("pool", poolName);
        set(p, "stdout", stdoutPath);
        set(p, "stderr", stderrPath);
        p.setProperty("startupTimeLimitMillis", Long.toString(startupTimeLimit.toMillis()));
        p.setProperty("shutdownTimeLimitMillis", Long.toString(shutdownTimeLimit.toMillis()));
        p.setProperty("readyFile", readyFile.toString());
        p.setProperty("childrenFile", childrenFile.toString());
        p.setProperty("apps", Integer.toString(applications.size()));
        for (int i = 0; i < applications.size(); i++) {
            Mount app = applications.get(i);
            p.setProperty("app." + i + ".site", app.site());
            p.setProperty("app." + i + ".path", app.path());
            p.setProperty("app." + i + ".physical", app.physicalPath().toString());
            p.setProperty(
                    "app." + i + ".vdirs",
                    Integer.toString(app.virtualDirectories().size()));
            for (int j = 0; j < app.virtualDirectories().size(); j++) {
                VirtualDirectory vdir = app.virtualDirectories().get(j);
                p.setProperty("app." + i + ".vdir." + j + ".path", vdir.path());
                p.setProperty(
                        "app." + i + ".vdir." + j + ".physical",
                        vdir.physicalPath().toString());
            }
        }
        StringWriter text = new StringWriter();
        p.store(text, "nomad_iis portable pool worker");
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a spec written by {@link #write}. */
    public static WorkerSpec read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        }
        List<Mount> apps = new ArrayList<>();
        int count = Integer.parseInt(p.getProperty("apps", "0"));
        for (int i = 0; i < count; i++) {
            List<VirtualDirectory> vdirs = new ArrayList<>();
            int vdirCount = Integer.parseInt(p.getProperty("app." + i + ".vdirs", "0"));
            for (int j = 0; j < vdirCount; j++) {
                vdirs.add(new VirtualDirectory(
                        p.getProperty("app." + i + ".vdir." + j + ".path"),
                        Path.of(p.getProperty("app." + i + ".vdir." + j + ".physical"))));
            }
            apps.add(new Mount(
                    p.getProperty("app." + i + ".site"),
                    p.getProperty("app." + i + ".path"),
                    Path.of(p.getProperty("app." + i + ".physical")),
                    vdirs));
        }
        return new WorkerSpec(
                p.getProperty("pool"),
                apps,
                path(p, "stdout"),
                path(p, "stderr"),
                Duration.ofMillis(Long.parseLong(p.getProperty("startupTimeLimitMillis", "120000"))),
                Duration.ofMillis(Long.parseLong(p.getProperty("shutdownTimeLimitMillis", "90000"))),
                Path.of(p.getProperty("readyFile")),
                Path.of(p.getProperty("childrenFile")));
    }

    private static void set(Properties p, String key, Path value) {
        if (value != null) {
            p.setProperty(key, value.toString());
        }
    }

    private static Path path(Properties p, String key) {
        String value = p.getProperty(key);
        return value == null || value.isEmpty() ? null : Path.of(value);
    }
}
