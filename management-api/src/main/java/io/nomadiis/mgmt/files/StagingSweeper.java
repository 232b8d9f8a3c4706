package io.nomadiis.mgmt.files;

import io.nomadiis.driver.task.TaskDirectory;
import io.nomadiis.driver.task.TaskView;
import io.nomadiis.log.LogField;
import io.nomadiis.threads.NamedThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Removes upload staging folders a crashed or killed plugin left in task directories: for every task
 * known when the API starts, and for every task the driver adds later (RecoverTask, StartTask), through
 * {@link TaskDirectory#onAdded}. The sweeping runs on its own daemon thread, so the driver's RPC thread
 * that adds a task only queues it; folders of uploads in flight in this process are never touched.
 */
public final class StagingSweeper implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StagingSweeper.class.getName());

    private final ExecutorService thread =
            Executors.newSingleThreadExecutor(new NamedThreadFactory("mgmt-staging-sweeper"));
    private final AutoCloseable subscription;

    public StagingSweeper(TaskDirectory tasks) {
        this.subscription = tasks.onAdded(this::sweepLater);
        tasks.all().forEach(this::sweepLater);
    }

    private void sweepLater(TaskView task) {
        try {
            thread.execute(() -> {
                int removed = Staging.removeLeftovers(task.taskDir());
                if (removed > 0) {
                    LOG.log(
                            System.Logger.Level.INFO,
                            "removed upload staging folders left by a crash",
                            LogField.taskId(task.identity().taskId()),
                            LogField.path(task.taskDir()),
                            LogField.of("count", removed));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the API is shutting down
        }
    }

    /** Waits (bounded) until the sweeps queued so far ran; for tests. */
    public void awaitIdle() throws InterruptedException {
        java.util.concurrent.Future<?> marker = thread.submit(() -> {});
        try {
            marker.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception ignored) {
            // nothing to undo
        }
        thread.shutdownNow();
    }
}
