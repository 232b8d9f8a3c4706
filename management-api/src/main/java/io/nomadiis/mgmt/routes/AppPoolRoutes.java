package io.nomadiis.mgmt.routes;

import static java.util.Objects.requireNonNull;

import io.nomadiis.driver.task.TaskView;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.mgmt.auth.Capability;
import io.nomadiis.mgmt.http.Exchange;
import io.nomadiis.mgmt.http.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code status}, {@code start}, {@code stop} and {@code recycle} of a task's app pools. */
public final class AppPoolRoutes {
    /** The alias of the implicit pool the C# plugin adds ({@code DefaultAppPoolName}). */
    static final String DEFAULT_POOL = "default";

    static final String BASE = "/api/v1/allocs/{allocId}/{taskName}/";

    private final PoolControl pools;

    public AppPoolRoutes(PoolControl pools) {
        this.pools = requireNonNull(pools, "pools");
    }

    public List<Route> routes() {
        return List.of(
                Route.of(
                        "GET",
                        BASE + "status",
                        Capability.STATUS,
                        "State of the task's app pools",
                        "application/json",
                        this::status),
                Route.of(
                        "PUT",
                        BASE + "start",
                        Capability.APP_POOL_LIFECYCLE,
                        "Start all app pools of the task",
                        "application/json",
                        ex -> act(ex, "start")),
                Route.of(
                        "PUT",
                        BASE + "stop",
                        Capability.APP_POOL_LIFECYCLE,
                        "Stop all app pools of the task (the allocation keeps running)",
                        "application/json",
                        ex -> act(ex, "stop")),
                Route.of(
                        "PUT",
                        BASE + "recycle",
                        Capability.APP_POOL_LIFECYCLE,
                        "Recycle all app pools of the task",
                        "application/json",
                        ex -> act(ex, "recycle")));
    }

    private void status(Exchange ex) {
        ex.sendJson(200, statusBody(ex.task()));
    }

    private void act(Exchange ex, String verb) {
        TaskView task = ex.task();
        switch (verb) {
            case "start" -> pools.startAll(task);
            case "stop" -> pools.stopAll(task);
            default -> pools.recycleAll(task);
        }
        ex.sendJson(200, statusBody(task));
    }

    /**
     * The C# plugin's {@code TaskStatusResponse}: {@code allocId}, {@code taskName},
     * {@code defaultApplicationPool} (the pool object named {@code default}, or null when the task
     * has none) and {@code applicationPools}; each pool has {@code name}, {@code status} (Starting,
     * Started, Stopping, Stopped or Unknown) and {@code isWorkerProcessRunning}, plus the IIS pool
     * name and worker PIDs.
     */
    Map<String, Object> statusBody(TaskView task) {
        List<Map<String, Object>> list = new ArrayList<>();
        Map<String, Object> defaultPool = null;
        for (Map.Entry<String, String> entry : task.appPools().entrySet()) {
            String alias = entry.getKey();
            String name = entry.getValue();
            PoolRuntime runtime = pools.host().poolRuntime(name);
            Map<String, Object> pool = new LinkedHashMap<>();
            pool.put("name", alias);
            pool.put("status", runtime.state().displayName());
            pool.put("isWorkerProcessRunning", runtime.workerRunning());
            pool.put("iisName", name);
            pool.put("workerProcessIds", runtime.workerPids());
            list.add(pool);
            if (DEFAULT_POOL.equals(alias)) {
                defaultPool = pool;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allocId", task.identity().allocId());
        body.put("taskName", task.identity().taskName());
        body.put("defaultApplicationPool", defaultPool);
        body.put("applicationPools", list);
        return body;
    }
}
