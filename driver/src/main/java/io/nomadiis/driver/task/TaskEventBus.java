package io.nomadiis.driver.task;

import io.nomadiis.log.LogField;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Fans task events out to every open TaskEvents stream. Publishing never blocks on a slow subscriber
 * beyond the subscriber's own callback.
 *
 * <p>Threads: {@link #publish} is called from gRPC call executor threads (start, stop, signal, recovery) and
 * the driver's {@code iis-task-driver-*} scheduler (watcher); subscribers are added and removed by the
 * TaskEvents streams' gRPC threads. The subscriber list is copy-on-write, so publishing takes no lock.
 */
public final class TaskEventBus {
    private static final System.Logger LOG = System.getLogger(TaskEventBus.class.getName());

    private final CopyOnWriteArrayList<Consumer<TaskEvent>> subscribers = new CopyOnWriteArrayList<>();

    /** Sends the event to every subscriber. */
    public void publish(TaskEvent event) {
        LOG.log(
                System.Logger.Level.INFO,
                "task event",
                LogField.of("event", event.message()),
                LogField.allocId(event.allocId()),
                LogField.taskName(event.taskName()),
                LogField.taskId(event.taskId()));
        for (Consumer<TaskEvent> s : subscribers) {
            try {
                s.accept(event);
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "task event subscriber failed",
                        LogField.taskId(event.taskId()),
                        e);
            }
        }
    }

    /** Adds a subscriber until the returned handle is closed. */
    public AutoCloseable subscribe(Consumer<TaskEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }
}
