package io.nomadiis.iis.portable.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.portable.ControlOperation;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service's handler of each {@link ControlOperation}, registered with its request and answer types, so a
 * handler cannot answer the wrong type and the service cannot start without serving every declared operation.
 * Called by the control server's request threads.
 */
final class ControlHandlers {

    /** Serves one operation. */
    @FunctionalInterface
    interface Handler<Q, A> {
        A handle(Q request) throws IisException;
    }

    private final Map<ControlOperation<?, ?>, Handler<?, ?>> handlers = new LinkedHashMap<>();

    /** Registers the handler of {@code operation}. */
    <Q, A> ControlHandlers on(ControlOperation<Q, A> operation, Handler<Q, A> handler) {
        if (handlers.put(operation, handler) != null) {
            throw new IllegalStateException("two handlers for control operation " + operation);
        }
        return this;
    }

    /**
     * Checks that every declared operation has a handler.
     *
     * @throws IllegalStateException naming the operations without one
     */
    ControlHandlers complete() {
        List<String> missing = ControlOperation.all().stream()
                .filter(operation -> !handlers.containsKey(operation))
                .map(ControlOperation::name)
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("control operations without a handler: " + missing);
        }
        return this;
    }

    /** Decodes the request, runs the operation's handler and encodes its answer. */
    <Q, A> byte[] serve(ControlOperation<Q, A> operation, JsonNode body) throws IisException, IOException {
        @SuppressWarnings("unchecked") // registered by on(operation, Handler<Q, A>)
        Handler<Q, A> handler = (Handler<Q, A>) handlers.get(operation);
        return operation.encodeAnswer(handler.handle(operation.decodeRequest(body)));
    }
}
