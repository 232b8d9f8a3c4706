package io.nomadiis.mgmt.routes;

import io.nomadiis.driver.task.TaskView;
import io.nomadiis.mgmt.Limits;
import io.nomadiis.mgmt.files.Commit;
import io.nomadiis.mgmt.files.LinkRefusedException;
import io.nomadiis.mgmt.files.Staging;
import io.nomadiis.mgmt.files.TaskFolder;
import io.nomadiis.mgmt.files.ZipExtractor;
import io.nomadiis.mgmt.http.ApiException;
import io.nomadiis.mgmt.http.BodySink;
import io.nomadiis.mgmt.http.Exchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Receives an upload body into a staging file; when it is complete, extracts (zip) or takes it as
 * the file, then swaps it into place. A cold upload stops the task's pools only for the swap, after
 * the whole body arrived and was validated, and starts them again in every case; a pool that does
 * not start is answered as an error naming it (the files are then in place). On abort (client gone,
 * broken body, idle timeout) or any failure before the swap the staging folder is deleted and the
 * target is exactly as it was.
 *
 * <p>Called on API worker threads, one call at a time ({@link BodySink}).
 */
final class UploadSink implements BodySink {
    private final Exchange exchange;
    private final List<String> segments;
    private final boolean zip;
    private final boolean clean;
    private final Staging staging;
    private final Limits limits;
    private final PoolControl coldPools;
    private final Predicate<String> keptAtRoot;
    private final Runnable unlock;
    private final FileChannel body;
    private final AtomicBoolean ended = new AtomicBoolean();
    private long received;

    /**
     * @param coldPools the pools to stop around the swap (cold upload), or null
     * @param keptAtRoot top-level names a clean of the task directory keeps
     */
    UploadSink(
            Exchange exchange,
            List<String> segments,
            boolean zip,
            boolean clean,
            Staging staging,
            Limits limits,
            PoolControl coldPools,
            Predicate<String> keptAtRoot,
            Runnable unlock)
            throws IOException {
        this.exchange = exchange;
        this.segments = segments;
        this.zip = zip;
        this.clean = clean;
        this.staging = staging;
        this.limits = limits;
        this.coldPools = coldPools;
        this.keptAtRoot = keptAtRoot;
        this.unlock = unlock;
        this.body = staging.createBody();
    }

    @Override
    public void write(ByteBuffer bytes) throws IOException {
        received += bytes.remaining();
        while (bytes.hasRemaining()) {
            body.write(bytes);
        }
    }

    @Override
    public void complete() throws Exception {
        try {
            TaskView task = exchange.task();
            String shown = exchange.param("path");
            ZipExtractor.Result extracted = null;
            TaskFolder tree = null;
            try {
                if (zip) {
                    tree = staging.tree();
                    extracted = new ZipExtractor(limits).extract(body, tree);
                }
                body.close();
                long files;
                List<PoolControl.StartFailure> notStarted = List.of();
                boolean stopped = false;
                try {
                    if (coldPools != null) {
                        stopped = true;
                        coldPools.stopAll(task);
                    }
                    if (zip) {
                        files = Commit.tree(staging.root(), tree, segments, shown, clean, keptAtRoot);
                    } else {
                        Commit.file(staging.root(), staging.folder(), Staging.bodyName(), segments, shown);
                        files = 1;
                    }
                } finally {
                    if (stopped) {
                        notStarted = coldPools.startAllReporting(task);
                    }
                }
                if (!notStarted.isEmpty()) {
                    throw new ApiException(
                            500,
                            "the files are in place, but "
                                    + String.join(
                                            "; ",
                                            notStarted.stream()
                                                    .map(PoolControl.StartFailure::describe)
                                                    .toList()));
                }
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("path", shown);
                answer.put("bytesReceived", received);
                answer.put("filesWritten", files);
                answer.put("bytesWritten", zip ? extracted.bytes() : received);
                answer.put("poolsRestarted", stopped);
                end();
                exchange.sendJson(200, answer);
            } finally {
                if (tree != null) {
                    tree.close();
                }
            }
        } catch (LinkRefusedException e) {
            throw FileRoutes.linkRefused(exchange.param("path"));
        } finally {
            end();
        }
    }

    @Override
    public void abort() {
        end();
    }

    private void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try {
            body.close();
        } catch (IOException ignored) {
            // the staging folder goes away below
        }
        staging.close();
        unlock.run();
    }
}
