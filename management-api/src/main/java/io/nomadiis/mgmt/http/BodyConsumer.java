package io.nomadiis.mgmt.http;

import io.netty.handler.codec.http.HttpContent;

/** Where the body chunks of the request in flight go; called on the event loop only. */
interface BodyConsumer {

    /** Whether another chunk may be handed over now (false applies backpressure). */
    boolean canAccept();

    /** Takes ownership of the chunk (releases it). */
    void accept(HttpContent content);

    /** The last chunk was accepted. */
    void end();

    /** The connection closed before the body ended. */
    void abort();

    /**
     * The body cannot be read to its end (its encoding broke, or it is too short): the request
     * fails with that error and whatever the body was for is undone, never applied.
     */
    void fail(ApiException reason);

    /** A consumer that drops everything (the request was already answered). */
    BodyConsumer IGNORE = new BodyConsumer() {
        @Override
        public boolean canAccept() {
            return true;
        }

        @Override
        public void accept(HttpContent content) {
            content.release();
        }

        @Override
        public void end() {}

        @Override
        public void abort() {}

        @Override
        public void fail(ApiException reason) {}
    };
}
