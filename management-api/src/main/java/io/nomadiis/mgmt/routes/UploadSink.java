package io.nomadiis.mgmt.routes;

import io.nomadiis.driver.task.TaskView;
import io.nomadiis.mgmt.Limits;
import io.nomadiis.mgmt.files.Commit;
import io.nomadiis.mgmt.files.Staging;
import io.nomadiis.mgmt.files.ZipExtractor;
import io.nomadiis.mgmt.http.BodySink;
import io.nomadiis.mgmt.http.Exchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Receives an upload body into a staging file; when it is complete, extracts (zip) or takes it
 * as the file, then swaps it into place. On abort or any failure the staging folder is deleted
 * and the target is untouched. Cold uploads start the pools again in every case.
 */
final class UploadSink implements BodySink {
    private final Exchange exchange;
    private final Path target;
    private final boolean zip;
    private final boolean clean;
    private final Staging staging;
    private final Limits limits;
    private final PoolControl restartPools;
    private final Runnable unlock;
    private final FileChannel body;
    private final AtomicBoolean ended = new AtomicBoolean();
    private long received;

    /** @param restartPools the pools to start again when done (cold upload), or null */
    UploadSink(
            Exchange exchange,
            Path target,
            boolean zip,
            boolean clean,
            Staging staging,
            Limits limits,
            PoolControl restartPools,
            Runnable unlock)
            throws IOException {
        this.exchange = exchange;
        this.target = target;
        this.zip = zip;
        this.clean = clean;
        this.staging = staging;
        this.limits = limits;
        this.restartPools = restartPools;
        this.unlock = unlock;
        this.body = FileChannel.open(staging.body(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
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
            body.close();
            TaskView task = exchange.task();
            long files;
            long extracted = received;
            if (zip) {
                ZipExtractor.Result result = new ZipExtractor(limits).extract(staging.body(), staging.tree());
                files = Commit.tree(task.taskDir(), staging.tree(), target, clean);
                extracted = result.bytes();
            } else {
                Commit.file(task.taskDir(), staging.body(), target);
                files = 1;
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("path", exchange.param("path"));
            answer.put("bytesReceived", received);
            answer.put("filesWritten", files);
            answer.put("bytesWritten", extracted);
            answer.put("poolsRestarted", restartPools != null);
            end();
            exchange.sendJson(200, answer);
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
        if (restartPools != null) {
            restartPools.startAllQuietly(exchange.task());
        }
        unlock.run();
    }
}
