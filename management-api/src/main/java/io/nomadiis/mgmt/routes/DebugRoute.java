package io.nomadiis.mgmt.routes;

import static java.util.Objects.requireNonNull;

import io.nomadiis.driver.task.TaskDirectory;
import io.nomadiis.driver.task.TaskIdentity;
import io.nomadiis.driver.task.TaskView;
import io.nomadiis.iis.IisHost;
import io.nomadiis.mgmt.auth.Capability;
import io.nomadiis.mgmt.http.Exchange;
import io.nomadiis.mgmt.http.Route;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/debug}: the registry's task handles and the host's pools and sites, with
 * "dangling" ones ({@code nomad-} names no task owns) counted. A caller whose grant reaches every
 * task (an API key) sees all of it; any other caller sees only the tasks its grant covers and
 * their pools and sites (no dangling objects, which belong to no job it could be granted).
 */
public final class DebugRoute {
    private final TaskDirectory tasks;
    private final Supplier<IisHost> host;

    public DebugRoute(TaskDirectory tasks, Supplier<IisHost> host) {
        this.tasks = requireNonNull(tasks, "tasks");
        this.host = requireNonNull(host, "host");
    }

    public List<Route> routes() {
        return List.of(Route.of(
                "GET",
                "/api/v1/debug",
                Capability.DEBUG,
                "Task handles, app pools and sites of this plugin, with dangling nomad- objects",
                "application/json",
                this::debug));
    }

    private void debug(Exchange ex) {
        boolean everything = ex.grant().reachesEverything();
        List<TaskView> all = tasks.all().stream()
                .filter(t -> everything
                        || ex.grant()
                                .covers(
                                        t.identity().namespace(),
                                        t.identity().jobName(),
                                        t.identity().allocId()))
                .toList();
        Set<String> ownedPools = new HashSet<>();
        Set<String> ownedSites = new HashSet<>();
        List<Map<String, Object>> handles = new ArrayList<>();
        for (TaskView t : all) {
            ownedPools.addAll(t.appPools().values());
            ownedSites.add(t.websiteName());
            TaskIdentity id = t.identity();
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("taskId", id.taskId());
            h.put("appPoolNames", List.copyOf(t.appPools().values()));
            h.put("allocId", id.allocId());
            h.put("namespace", id.namespace());
            h.put("jobId", id.jobId());
            h.put("jobName", id.jobName());
            h.put("taskName", id.taskName());
            h.put("taskGroupName", id.taskGroupName());
            h.put("isRecovered", t.recovered());
            handles.add(h);
        }
        List<Map<String, Object>> pools = objects(visible(host.get().poolNames(), ownedPools, everything), ownedPools);
        List<Map<String, Object>> sites = objects(visible(host.get().siteNames(), ownedSites, everything), ownedSites);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("iisHandleCount", handles.size());
        body.put("iisHandles", handles);
        body.put(
                "danglingIisAppPools",
                pools.stream().filter(m -> (Boolean) m.get("isDangling")).count());
        body.put(
                "danglingIisWebsites",
                sites.stream().filter(m -> (Boolean) m.get("isDangling")).count());
        body.put("iisAppPools", pools);
        body.put("iisWebsites", sites);
        ex.sendJson(200, body);
    }

    private static List<String> visible(List<String> names, Set<String> owned, boolean everything) {
        return everything ? names : names.stream().filter(owned::contains).toList();
    }

    private static List<Map<String, Object>> objects(List<String> names, Set<String> owned) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String name : names) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("isDangling", name.startsWith("nomad-") && !owned.contains(name));
            list.add(m);
        }
        return list;
    }
}
