package io.nomadiis.mgmt.http;

import io.netty.handler.codec.http.HttpContent;
import java.util.concurrent.RejectedExecutionException;

/**
 * The body of a route that reads none: counted and dropped, 413 past the small-body limit; when
 * it ends, the route handler is handed to a worker, or answered 503 when every worker is taken.
 * Called on the event loop.
 */
final class SmallBody implements BodyConsumer {
    private final Exchange exchange;
    private final long limit;
    private final Runnable onEnd;
    private long received;
    private boolean refused;

    SmallBody(Exchange exchange, long limit, Runnable onEnd) {
        this.exchange = exchange;
        this.limit = limit;
        this.onEnd = onEnd;
    }

    @Override
    public boolean canAccept() {
        return true;
    }

    @Override
    public void accept(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            content.release();
            fail(RequestHandler.brokenBody());
            return;
        }
        received += content.content().readableBytes();
        content.release();
        if (received > limit && !refused) {
            refused = true;
            exchange.closeAfterResponse();
            exchange.sendError(ApiException.tooLarge("request body is larger than " + limit + " bytes"));
        }
    }

    /** Runs the handler hand-over; a {@link RejectedExecutionException} from it is answered 503. */
    @Override
    public void end() {
        if (!refused) {
            try {
                onEnd.run();
            } catch (RejectedExecutionException e) {
                refused = true;
                exchange.sendError(ApiException.busy());
            }
        }
    }

    @Override
    public void abort() {}

    @Override
    public void fail(ApiException reason) {
        if (!refused) {
            refused = true;
            exchange.closeAfterResponse();
            exchange.sendError(reason);
        }
    }
}
