package io.nomadiis.mgmt;

import io.nomadiis.driver.task.TaskDirectory;
import io.nomadiis.driver.task.TaskView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A task directory over tasks the test registers (until lifecycle's registry is used). */
final class TestTasks implements TaskDirectory {
    private final Map<String, TaskView> tasks = new ConcurrentHashMap<>();
    private final List<Consumer<TaskView>> added = new CopyOnWriteArrayList<>();

    void add(TaskView view) {
        tasks.put(view.identity().allocId() + "/" + view.identity().taskName(), view);
        added.forEach(l -> l.accept(view));
    }

    @Override
    public AutoCloseable onAdded(Consumer<TaskView> listener) {
        added.add(listener);
        return () -> added.remove(listener);
    }

    void remove(TaskView view) {
        tasks.remove(view.identity().allocId() + "/" + view.identity().taskName());
    }

    @Override
    public Optional<TaskView> find(String allocId, String taskName) {
        return Optional.ofNullable(tasks.get(allocId + "/" + taskName));
    }

    @Override
    public List<TaskView> all() {
        return List.copyOf(tasks.values());
    }
}
