package io.nomadiis.mgmt.dump;

import io.nomadiis.mgmt.http.ApiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Full core dumps with {@code gcore} (Debian package {@code gdb}); used by the portable host. */
public final class GcoreDumpTool implements DumpTool {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final Path gcore;

    private GcoreDumpTool(Path gcore) {
        this.gcore = gcore;
    }

    /** The tool when {@code gcore} is on the PATH. */
    public static Optional<DumpTool> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "gcore");
            if (Files.isExecutable(candidate)) {
                return Optional.of(new GcoreDumpTool(candidate));
            }
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return "gcore";
    }

    @Override
    public Path dump(long pid, Path folder) throws IOException, InterruptedException {
        ToolRun.run(
                List.of(gcore.toString(), "-o", folder.resolve("core").toString(), Long.toString(pid)),
                folder,
                TIMEOUT,
                true);
        Path dump = folder.resolve("core." + pid);
        if (!Files.isRegularFile(dump)) {
            try (Stream<Path> files = Files.list(folder)) {
                dump = files.filter(p -> p.getFileName().toString().startsWith("core"))
                        .findFirst()
                        .orElseThrow(() -> new ApiException(
                                500, "gcore wrote no dump of process " + pid + ": " + tailQuietly(folder)));
            }
        }
        return dump;
    }

    private static String tailQuietly(Path folder) {
        try {
            return ToolRun.tail(folder.resolve("tool-output.log"));
        } catch (IOException e) {
            return "no output";
        }
    }
}
