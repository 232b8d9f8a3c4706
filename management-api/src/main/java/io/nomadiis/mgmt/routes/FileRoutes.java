package io.nomadiis.mgmt.routes;

import static java.util.Objects.requireNonNull;

import io.nomadiis.driver.task.TaskView;
import io.nomadiis.mgmt.Limits;
import io.nomadiis.mgmt.auth.Capability;
import io.nomadiis.mgmt.files.FolderZipper;
import io.nomadiis.mgmt.files.LinkRefusedException;
import io.nomadiis.mgmt.files.Staging;
import io.nomadiis.mgmt.files.TaskFileResolver;
import io.nomadiis.mgmt.files.TaskFolder;
import io.nomadiis.mgmt.files.TaskFolders;
import io.nomadiis.mgmt.files.TaskLocks;
import io.nomadiis.mgmt.files.Trees;
import io.nomadiis.mgmt.http.ApiException;
import io.nomadiis.mgmt.http.BodySink;
import io.nomadiis.mgmt.http.Exchange;
import io.nomadiis.mgmt.http.Route;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code fs/{path}}: download a file or a folder (as a streamed ZIP), upload cold ({@code PUT}:
 * the body is received and staged first, the pools are stopped only for the swap) or hot
 * ({@code PATCH}), and delete. Paths are checked by {@link TaskFileResolver} and walked through
 * open folders ({@link TaskFolders}): symbolic links are never followed (403). The task's
 * {@code secrets} folder is out of reach (403, and left out of folder downloads and cleans) unless
 * the API was started to expose it. Called on API worker threads.
 */
public final class FileRoutes {
    static final String FS = AppPoolRoutes.BASE + "fs/{path}";

    /** Said in every fs route's description, so the OpenAPI document states it. */
    static final String SECRETS_NOTE = ". Symbolic links are never followed (403). The task's secrets/ folder"
            + " (workload identity, Vault tokens) is refused with 403 and left out of folder downloads and"
            + " cleans unless the plugin is started with --management-api-expose-secrets";

    private final PoolControl pools;
    private final Limits limits;
    private final boolean exposeSecrets;
    private final TaskLocks locks = new TaskLocks();

    public FileRoutes(PoolControl pools, Limits limits) {
        this(pools, limits, false);
    }

    /** @param exposeSecrets whether the task's {@code secrets} folder is reachable */
    public FileRoutes(PoolControl pools, Limits limits, boolean exposeSecrets) {
        this.pools = requireNonNull(pools, "pools");
        this.limits = requireNonNull(limits, "limits");
        this.exposeSecrets = exposeSecrets;
    }

    public List<Route> routes() {
        return List.of(
                Route.of(
                        "GET",
                        FS,
                        Capability.FILESYSTEM_ACCESS,
                        "Download a file, or a folder as a ZIP streamed while it is written" + SECRETS_NOTE,
                        "application/octet-stream",
                        this::download),
                Route.upload(
                        "PUT",
                        FS,
                        Capability.FILESYSTEM_ACCESS,
                        "Cold upload: receive and stage the body, stop the app pools, swap the file or extracted zip"
                                + " in, start them again; 507 when the disk cannot hold the announced body"
                                + SECRETS_NOTE,
                        ex -> upload(ex, true)),
                Route.upload(
                        "PATCH",
                        FS,
                        Capability.FILESYSTEM_ACCESS,
                        "Hot upload: write the file or extract the zip (atomically) while the app pools run; 507"
                                + " when the disk cannot hold the announced body" + SECRETS_NOTE,
                        ex -> upload(ex, false)),
                Route.of(
                        "DELETE",
                        FS,
                        Capability.FILESYSTEM_ACCESS,
                        "Delete a file or folder; a path ending in /* or /*.* empties the folder only" + SECRETS_NOTE,
                        "application/json",
                        this::delete));
    }

    /** The checked segments of the request path; 403 for the secrets folder unless exposed. */
    private List<String> segments(String shown) {
        List<String> segments = TaskFileResolver.checkedSegments(shown);
        if (!exposeSecrets && TaskFileResolver.inSecrets(segments)) {
            throw ApiException.forbidden("the task's secrets folder is not reachable through the management api"
                    + " (start the plugin with --management-api-expose-secrets to allow it)");
        }
        return segments;
    }

    /** Top-level names folder downloads and cleans of the task directory leave alone. */
    private Predicate<String> keptAtRoot() {
        return name -> Staging.isStaging(name) || (!exposeSecrets && TaskFileResolver.isSecrets(name));
    }

    private void download(Exchange ex) throws IOException {
        TaskView task = ex.task();
        String shown = ex.param("path");
        List<String> segments = segments(shown);
        try (TaskFolder root = TaskFolders.openRoot(task.taskDir())) {
            if (segments.isEmpty()) {
                zipFolder(ex, root, task.identity().taskName() + ".zip", keptAtRoot());
                return;
            }
            String last = segments.get(segments.size() - 1);
            try (TaskFolder parent = walkExisting(root, segments, shown)) {
                switch (parent.kind(last)) {
                    case FOLDER -> {
                        try (TaskFolder folder = parent.open(last)) {
                            zipFolder(ex, folder, last + ".zip", name -> false);
                        }
                    }
                    case FILE -> sendFile(ex, parent, last);
                    case LINK -> throw linkRefused(shown);
                    default -> throw ApiException.notFound("no file or folder \"" + shown + "\" in the task directory");
                }
            }
        } catch (LinkRefusedException e) {
            throw linkRefused(shown);
        }
    }

    private static void zipFolder(Exchange ex, TaskFolder folder, String name, Predicate<String> skip)
            throws IOException {
        try (OutputStream out =
                ex.stream(200, "application/zip", -1, Map.of("Content-Disposition", disposition(name)))) {
            FolderZipper.zip(folder, skip, out);
        }
    }

    /** Sends exactly the bytes the file had when opened (the announced length), never more. */
    private static void sendFile(Exchange ex, TaskFolder parent, String name) throws IOException {
        try (FileChannel in = parent.openFile(name, StandardOpenOption.READ)) {
            long size = in.size();
            try (OutputStream out = ex.stream(
                    200, "application/octet-stream", size, Map.of("Content-Disposition", disposition(name)))) {
                WritableByteChannel target = Channels.newChannel(out);
                long sent = 0;
                while (sent < size) {
                    long n = in.transferTo(sent, size - sent, target);
                    if (n <= 0) {
                        throw new IOException("file \"" + name + "\" shrank from " + size + " to " + sent
                                + " bytes while it was sent");
                    }
                    sent += n;
                }
            }
        }
    }

    /** Opens the folder holding the last segment, refusing links; 404 when a folder is missing. */
    private static TaskFolder walkExisting(TaskFolder root, List<String> segments, String shown) throws IOException {
        return TaskFolders.walk(root, segments.subList(0, segments.size() - 1), false, shown);
    }

    private BodySink upload(Exchange ex, boolean cold) throws IOException {
        TaskView task = ex.task();
        String shown = ex.param("path");
        List<String> segments = segments(shown);
        boolean zip = isZip(ex.header("Content-Type"));
        TaskFolder.Kind existing = kindIfReachable(task, segments, shown);
        if (zip && existing == TaskFolder.Kind.FILE) {
            throw ApiException.conflict("\"" + shown + "\" is a file; a zip is extracted into a folder");
        }
        if (!zip && (segments.isEmpty() || existing == TaskFolder.Kind.FOLDER)) {
            throw ApiException.conflict(
                    "\"" + shown + "\" is a folder; send Content-Type application/zip to extract into it");
        }
        if (zip && existing == TaskFolder.Kind.LINK) {
            throw linkRefused(shown);
        }
        boolean clean = ex.queryFlag("clean", false);
        DiskSpace.require(
                task.taskDir(),
                Math.max(0, ex.contentLength()),
                limits.minFreeDiskBytes(),
                "an upload of \"" + shown + "\"");
        locks.acquire(task.identity().taskId(), ex.requestId());
        Staging staging = null;
        try {
            staging = Staging.create(TaskFolders.openRoot(task.taskDir()));
            return new UploadSink(
                    ex,
                    segments,
                    zip,
                    clean,
                    staging,
                    limits,
                    cold ? pools : null,
                    keptAtRoot(),
                    () -> locks.release(task.identity().taskId(), ex.requestId()));
        } catch (IOException | RuntimeException e) {
            if (staging != null) {
                staging.close();
            }
            locks.release(task.identity().taskId(), ex.requestId());
            throw e;
        }
    }

    /**
     * What the upload target is now, walking the folders that exist (a link on the way is 403, a
     * file on the way 409); MISSING when a folder on the way does not exist yet.
     */
    private static TaskFolder.Kind kindIfReachable(TaskView task, List<String> segments, String shown)
            throws IOException {
        if (segments.isEmpty()) {
            return TaskFolder.Kind.FOLDER;
        }
        try (TaskFolder root = TaskFolders.openRoot(task.taskDir());
                TaskFolder parent = walkExisting(root, segments, shown)) {
            return parent.kind(segments.get(segments.size() - 1));
        } catch (ApiException e) {
            if (e.status() == 404) {
                return TaskFolder.Kind.MISSING;
            }
            throw e;
        }
    }

    private void delete(Exchange ex) throws IOException {
        TaskView task = ex.task();
        String raw = ex.param("path").replace('\\', '/');
        boolean emptyOnly = raw.endsWith("/*") || raw.endsWith("/*.*") || raw.equals("*") || raw.equals("*.*");
        String folder = emptyOnly ? raw.substring(0, raw.lastIndexOf('*') - (raw.endsWith("*.*") ? 2 : 0)) : raw;
        List<String> segments = segments(folder);
        if (!emptyOnly && segments.isEmpty()) {
            throw ApiException.forbidden("refusing to delete the task directory itself; use /* to empty it");
        }
        locks.acquire(task.identity().taskId(), ex.requestId());
        try (TaskFolder root = TaskFolders.openRoot(task.taskDir())) {
            if (segments.isEmpty()) {
                Trees.empty(root, keptAtRoot());
            } else {
                String last = segments.get(segments.size() - 1);
                try (TaskFolder parent = walkExisting(root, segments, folder)) {
                    TaskFolder.Kind kind = parent.kind(last);
                    if (kind == TaskFolder.Kind.MISSING) {
                        throw ApiException.notFound("no file or folder \"" + folder + "\" in the task directory");
                    }
                    if (emptyOnly) {
                        if (kind == TaskFolder.Kind.LINK) {
                            throw linkRefused(folder);
                        }
                        if (kind != TaskFolder.Kind.FOLDER) {
                            throw ApiException.conflict("\"" + folder + "\" is not a folder");
                        }
                        try (TaskFolder target = parent.open(last)) {
                            Trees.empty(target, Staging::isStaging);
                        }
                    } else {
                        Trees.delete(parent, last);
                    }
                }
            }
        } catch (LinkRefusedException e) {
            throw linkRefused(folder);
        } finally {
            locks.release(task.identity().taskId(), ex.requestId());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deleted", ex.param("path"));
        ex.sendJson(200, body);
    }

    static ApiException linkRefused(String shown) {
        return ApiException.forbidden(
                "path \"" + shown + "\" is or runs through a symbolic link; the management api does not follow links");
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
