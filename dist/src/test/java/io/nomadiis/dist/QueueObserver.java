package io.nomadiis.dist;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Collects what a server stream sends into a queue: each message, then the error (a {@link Throwable}) or
 * {@link #COMPLETED}. Tests poll the queue with a timeout.
 */
final class QueueObserver<T> implements StreamObserver<T> {
    /** Put in the queue when the stream ends normally. */
    static final Object COMPLETED = "completed";

    final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @Override
    public void onNext(T value) {
        events.add(value);
    }

    @Override
    public void onError(Throwable t) {
        events.add(t);
    }

    @Override
    public void onCompleted() {
        events.add(COMPLETED);
    }
}
