package io.nomadiis.driver.task;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The tasks this plugin process runs, by task id; shared by the driver service and the management API.
 *
 * <p>Threads: the driver's RPC threads add and remove tasks; the management API's Netty event loop calls
 * {@link #find} and {@link #all}, which never wait: they read a concurrent map and each task's volatile run
 * state and immutable view, never a lock held across a host call.
 */
public final class TaskRegistry implements TaskDirectory {

    private final ConcurrentHashMap<String, RunningTask> handles = new ConcurrentHashMap<>();
    private final List<Consumer<TaskView>> addedListeners = new CopyOnWriteArrayList<>();

    /** Adds the handle unless one with the same task id exists; returns the handle now registered. */
    public RunningTask putIfAbsent(RunningTask handle) {
        requireNonNull(handle, "handle");
        RunningTask existing = handles.putIfAbsent(handle.taskId(), handle);
        if (existing != null) {
            return existing;
        }
        for (Consumer<TaskView> listener : addedListeners) {
            listener.accept(handle.view());
        }
        return handle;
    }

    @Override
    public AutoCloseable onAdded(Consumer<TaskView> listener) {
        addedListeners.add(requireNonNull(listener, "listener"));
        return () -> addedListeners.remove(listener);
    }

    /** The handle with that task id. */
    public Optional<RunningTask> get(String taskId) {
        return Optional.ofNullable(taskId == null ? null : handles.get(taskId));
    }

    /** The handle with that task id, or a not-found error. */
    public RunningTask require(String taskId) throws DriverException {
        return get(taskId).orElseThrow(() -> DriverException.notFound(taskId));
    }

    /** Removes the handle. */
    public void remove(String taskId) {
        handles.remove(taskId);
    }

    /** Every handle. */
    public List<RunningTask> handles() {
        return List.copyOf(handles.values());
    }

    @Override
    public Optional<TaskView> find(String allocId, String taskName) {
        return handles.values().stream()
                .filter(h -> h.identity().allocId().equals(allocId)
                        && h.identity().taskName().equals(taskName))
                .filter(RunningTask::running)
                .findFirst()
                .or(() -> handles.values().stream()
                        .filter(h -> h.identity().allocId().equals(allocId)
                                && h.identity().taskName().equals(taskName))
                        .findFirst())
                .map(RunningTask::view);
    }

    @Override
    public List<TaskView> all() {
        return handles.values().stream()
                .map(RunningTask::view)
                .sorted(Comparator.comparing((TaskView v) -> v.identity().allocId())
                        .thenComparing(v -> v.identity().taskName()))
                .toList();
    }
}
