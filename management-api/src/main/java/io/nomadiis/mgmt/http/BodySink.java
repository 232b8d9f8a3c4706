package io.nomadiis.mgmt.http;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Receives a request body chunk by chunk on a worker thread, in order, one call at a time.
 * Exactly one of {@link #complete()} or {@link #abort()} ends it.
 */
public interface BodySink {

    /** Consumes the next bytes of the body. */
    void write(ByteBuffer bytes) throws IOException;

    /** The whole body arrived: apply it and answer through the exchange. */
    void complete() throws Exception;

    /** The body will not arrive completely (client gone, over a limit, error): undo everything. */
    void abort();
}
