package io.nomadiis.mgmt.routes;

import io.nomadiis.driver.task.TaskView;
import io.nomadiis.mgmt.Limits;
import io.nomadiis.mgmt.auth.Capability;
import io.nomadiis.mgmt.files.FolderZipper;
import io.nomadiis.mgmt.files.Staging;
import io.nomadiis.mgmt.files.TaskFileResolver;
import io.nomadiis.mgmt.files.TaskLocks;
import io.nomadiis.mgmt.files.Trees;
import io.nomadiis.mgmt.http.ApiException;
import io.nomadiis.mgmt.http.BodySink;
import io.nomadiis.mgmt.http.Exchange;
import io.nomadiis.mgmt.http.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code fs/{path}}: download a file or a folder (as a streamed ZIP), upload cold ({@code PUT}:
 * pools stopped around the write) or hot ({@code PATCH}), and delete. Paths resolve under the
 * task directory ({@link TaskFileResolver}); uploads are staged and swapped in ({@link UploadSink}).
 */
public final class FileRoutes {
    static final String FS = AppPoolRoutes.BASE + "fs/{path}";

    private final PoolControl pools;
    private final Limits limits;
    private final TaskLocks locks = new TaskLocks();

    public FileRoutes(PoolControl pools, Limits limits) {
        this.pools = pools;
        this.limits = limits;
    }

    public List<Route> routes() {
        return List.of(
                Route.of(
                        "GET",
                        FS,
                        Capability.FILESYSTEM_ACCESS,
                        "Download a file, or a folder as a ZIP streamed while it is written",
                        "application/octet-stream",
                        this::download),
                Route.upload(
                        "PUT",
                        FS,
                        Capability.FILESYSTEM_ACCESS,
                        "Cold upload: stop the app pools, write the file or extract the zip (atomically), start them"
                                + " again",
                        ex -> upload(ex, true)),
                Route.upload(
                        "PATCH",
                        FS,
                        Capability.FILESYSTEM_ACCESS,
                        "Hot upload: write the file or extract the zip (atomically) while the app pools run",
                        ex -> upload(ex, false)),
                Route.of(
                        "DELETE",
                        FS,
                        Capability.FILESYSTEM_ACCESS,
                        "Delete a file or folder; a path ending in /* or /*.* empties the folder only",
                        "application/json",
                        this::delete));
    }

    private void download(Exchange ex) throws IOException {
        TaskView task = ex.task();
        Path target = TaskFileResolver.resolve(task.taskDir(), ex.param("path"));
        if (Files.isDirectory(target)) {
            String name = (target.equals(task.taskDir())
                            ? task.identity().taskName()
                            : target.getFileName().toString()) + ".zip";
            try (OutputStream out =
                    ex.stream(200, "application/zip", -1, Map.of("Content-Disposition", disposition(name)))) {
                FolderZipper.zip(target, TaskFileResolver.realRoot(task.taskDir()), Staging::isStaging, out);
            }
        } else if (Files.isRegularFile(target)) {
            long size = Files.size(target);
            try (InputStream in = Files.newInputStream(target);
                    OutputStream out = ex.stream(
                            200,
                            "application/octet-stream",
                            size,
                            Map.of(
                                    "Content-Disposition",
                                    disposition(target.getFileName().toString())))) {
                in.transferTo(out);
            }
        } else {
            throw ApiException.notFound("no file or folder \"" + ex.param("path") + "\" in the task directory");
        }
    }

    private BodySink upload(Exchange ex, boolean cold) throws IOException {
        TaskView task = ex.task();
        Path target = TaskFileResolver.resolve(task.taskDir(), ex.param("path"));
        boolean zip = isZip(ex.header("Content-Type"));
        if (zip && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw ApiException.conflict("\"" + ex.param("path") + "\" is a file; a zip is extracted into a folder");
        }
        if (!zip && (target.equals(task.taskDir()) || Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS))) {
            throw ApiException.conflict(
                    "\"" + ex.param("path") + "\" is a folder; send Content-Type application/zip to extract into it");
        }
        boolean clean = ex.queryFlag("clean", false);
        locks.acquire(task.identity().taskId(), ex.requestId());
        Staging staging = null;
        boolean stopped = false;
        try {
            staging = Staging.create(task.taskDir());
            if (cold) {
                stopped = true;
                pools.stopAll(task);
            }
            return new UploadSink(
                    ex,
                    target,
                    zip,
                    clean,
                    staging,
                    limits,
                    stopped ? pools : null,
                    () -> locks.release(task.identity().taskId(), ex.requestId()));
        } catch (IOException | RuntimeException e) {
            if (staging != null) {
                staging.close();
            }
            if (stopped) {
                pools.startAllQuietly(task);
            }
            locks.release(task.identity().taskId(), ex.requestId());
            throw e;
        }
    }

    private void delete(Exchange ex) throws IOException {
        TaskView task = ex.task();
        String raw = ex.param("path").replace('\\', '/');
        boolean emptyOnly = raw.endsWith("/*") || raw.endsWith("/*.*") || raw.equals("*") || raw.equals("*.*");
        String folder = emptyOnly ? raw.substring(0, raw.lastIndexOf('*') - (raw.endsWith("*.*") ? 2 : 0)) : raw;
        Path target = TaskFileResolver.resolve(task.taskDir(), folder);
        locks.acquire(task.identity().taskId(), ex.requestId());
        try {
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw ApiException.notFound("no file or folder \"" + folder + "\" in the task directory");
            }
            if (emptyOnly) {
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw ApiException.conflict("\"" + folder + "\" is not a folder");
                }
                Trees.empty(target, Staging::isStaging);
            } else if (target.equals(task.taskDir())) {
                throw ApiException.forbidden("refusing to delete the task directory itself; use /* to empty it");
            } else {
                Trees.deleteRecursively(target);
            }
        } finally {
            locks.release(task.identity().taskId(), ex.requestId());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deleted", ex.param("path"));
        ex.sendJson(200, body);
    }

    static boolean isZip(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/zip") || type.equals("application-zip");
    }

    static String disposition(String fileName) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        String encoded =
                java.net.URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
