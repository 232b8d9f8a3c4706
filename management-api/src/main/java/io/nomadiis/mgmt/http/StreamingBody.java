package io.nomadiis.mgmt.http;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body streamed into a {@link BodySink} on a worker thread. At most
 * {@link #MAX_QUEUED_BYTES} wait in memory; beyond that the connection stops reading until the
 * sink catches up. Over the body limit, on a broken body encoding, or when the client goes away,
 * the sink is aborted: a failure always reaches the sink as {@link BodySink#abort()}, never as
 * {@link BodySink#complete()}. Work for the sink is handed over through {@link WorkHandoff}, so a
 * full worker pool delays it but never drops it. {@code accept}, {@code end}, {@code fail} and
 * {@code abort} are called on the event loop; the drain loop runs on one worker at a time.
 */
final class StreamingBody implements BodyConsumer {
    static final long MAX_QUEUED_BYTES = 1L << 20;

    private final Exchange exchange;
    private final ExecutorService workers;
    private final WorkHandoff handoff;
    private final long limit;
    private final Runnable resumeReading;
    private final ConcurrentLinkedQueue<HttpContent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean(true);
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile BodySink sink;
    private volatile ApiException failure;
    private volatile boolean failureHandled;
    private long received;

    /**
     * @param resumeReading called (from a worker) when the queue drained; must hop to the event loop
     */
    StreamingBody(Exchange exchange, ExecutorService workers, WorkHandoff handoff, long limit, Runnable resumeReading) {
        this.exchange = exchange;
        this.workers = workers;
        this.handoff = handoff;
        this.limit = limit;
        this.resumeReading = resumeReading;
    }

    /**
     * Prepares the sink on a worker; chunks queue up meanwhile.
     *
     * @throws RejectedExecutionException when no worker is free (nothing is held yet: answer 503)
     */
    void start(Route.UploadHandler upload) {
        workers.execute(() -> {
            try {
                sink = upload.begin(exchange);
            } catch (Exception e) {
                record(Dispatch.toApiException(exchange, e));
            }
            drainLoop();
        });
    }

    @Override
    public boolean canAccept() {
        return failure != null || queuedBytes.get() < MAX_QUEUED_BYTES;
    }

    @Override
    public void accept(HttpContent content) {
        if (failure != null) {
            content.release();
            return;
        }
        if (content.decoderResult().isFailure()) {
            content.release();
            fail(RequestHandler.brokenBody());
            return;
        }
        received += content.content().readableBytes();
        if (received > limit) {
            content.release();
            record(ApiException.tooLarge("request body is larger than the limit of " + limit + " bytes"));
        } else {
            queuedBytes.addAndGet(content.content().readableBytes());
            queue.add(content);
        }
        scheduleDrain();
    }

    @Override
    public void end() {
        // the LastHttpContent is in the queue; the drain loop completes the sink when it reaches it
    }

    @Override
    public void abort() {
        fail(new ApiException(400, "the client closed the connection before the body ended"));
    }

    @Override
    public void fail(ApiException reason) {
        record(reason);
        scheduleDrain();
    }

    private void record(ApiException e) {
        if (failure == null) {
            failure = e;
        }
        exchange.closeAfterResponse();
    }

    /** Makes sure a drain loop runs after this call; never drops it (a full pool delays it). */
    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            handoff.submit(this::drainLoop);
        }
    }

    /**
     * Runs on a worker while {@code draining} is held. Before letting go it checks again for work
     * that arrived meanwhile (chunks, or a failure whose scheduler saw the loop still running).
     */
    private void drainLoop() {
        do {
            HttpContent content;
            while ((content = queue.poll()) != null) {
                queuedBytes.addAndGet(-content.content().readableBytes());
                try {
                    handle(content);
                } finally {
                    content.release();
                }
            }
            if (failure != null && !failureHandled) {
                failureHandled = true;
                finishWithFailure();
            }
            draining.set(false);
        } while (hasWork() && draining.compareAndSet(false, true));
        resumeReading.run();
    }

    private boolean hasWork() {
        return !queue.isEmpty() || (failure != null && !failureHandled);
    }

    private void handle(HttpContent content) {
        if (failure != null || finished.get()) {
            return;
        }
        try {
            for (ByteBuffer b : content.content().nioBuffers()) {
                sink.write(b);
            }
            if (content instanceof LastHttpContent && finished.compareAndSet(false, true)) {
                sink.complete();
            }
        } catch (Exception e) {
            record(Dispatch.toApiException(exchange, e));
        }
    }

    private void finishWithFailure() {
        if (sink != null && (finished.compareAndSet(false, true) || !exchange.answered())) {
            sink.abort();
        }
        finished.set(true);
        if (!exchange.answered()) {
            exchange.sendError(failure);
        }
    }
}
