package io.nomadiis.mgmt;

import io.nomadiis.driver.task.TaskDirectory;
import io.nomadiis.iis.IisHost;
import io.nomadiis.mgmt.files.StagingSweeper;
import io.nomadiis.mgmt.http.Route;
import io.nomadiis.mgmt.routes.AppPoolRoutes;
import io.nomadiis.mgmt.routes.DebugRoute;
import io.nomadiis.mgmt.routes.DumpRoute;
import io.nomadiis.mgmt.routes.FileRoutes;
import io.nomadiis.mgmt.routes.OpenApiRoute;
import io.nomadiis.mgmt.routes.PoolControl;
import io.nomadiis.mgmt.routes.RootRoute;
import io.nomadiis.mgmt.routes.ScreenshotRoute;
import io.nomadiis.mgmt.screenshot.ScreenshotService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The route groups and the long-lived services behind them, assembled into one route table. */
final class ManagementServices implements AutoCloseable {
    private final TaskDirectory tasks;
    private final List<Route> routes = new ArrayList<>();
    private final ScreenshotService screenshots;
    private final StagingSweeper sweeper;

    ManagementServices(ManagementOptions options, TaskDirectory tasks, Supplier<IisHost> host) {
        this.tasks = tasks;
        this.sweeper = new StagingSweeper(tasks);
        PoolControl pools = new PoolControl(host);
        routes.addAll(new RootRoute().routes());
        routes.addAll(new OpenApiRoute(this::routes).routes());
        routes.addAll(new DebugRoute(tasks, host).routes());
        routes.addAll(new AppPoolRoutes(pools).routes());
        routes.addAll(new FileRoutes(pools, options.limits(), options.exposeSecrets()).routes());
        screenshots = new ScreenshotService(options.browserPath(), options.browserIdleTimeout());
        routes.addAll(new ScreenshotRoute(screenshots).routes());
        routes.addAll(new DumpRoute(host, options.procdump(), options.limits().minFreeDiskBytes()).routes());
    }

    TaskDirectory tasks() {
        return tasks;
    }

    /** The complete route table. */
    List<Route> routes() {
        return List.copyOf(routes);
    }

    @Override
    public void close() {
        sweeper.close();
        screenshots.close();
    }
}
