package io.nomadiis.mgmt.http;

import io.netty.handler.codec.http.HttpContent;

/**
 * The body of a route that reads none: counted and dropped, 413 past the small-body limit; when
 * it ends, the route handler runs.
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
        received += content.content().readableBytes();
        content.release();
        if (received > limit && !refused) {
            refused = true;
            exchange.closeAfterResponse();
            exchange.sendError(ApiException.tooLarge("request body is larger than " + limit + " bytes"));
        }
    }

    @Override
    public void end() {
        if (!refused) {
            onEnd.run();
        }
    }

    @Override
    public void abort() {}
}
