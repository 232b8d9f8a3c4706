package io.nomadiis.driver.task.plan;

import static java.util.Objects.requireNonNull;

import io.nomadiis.driver.config.AppPoolConfig;
import io.nomadiis.driver.config.ApplicationConfig;
import io.nomadiis.driver.config.AutoStartProviderConfig;
import io.nomadiis.driver.config.IisTaskConfig;
import io.nomadiis.driver.config.PluginConfig;
import io.nomadiis.driver.config.VirtualDirectoryConfig;
import io.nomadiis.driver.task.DriverException;
import io.nomadiis.driver.task.TaskRequest;
import io.nomadiis.iis.AppPoolSpec;
import io.nomadiis.iis.ApplicationSpec;
import io.nomadiis.iis.AutoStartProviderSpec;
import io.nomadiis.iis.PoolIdentity;
import io.nomadiis.iis.PoolSettings;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.VirtualDirectorySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a task's decoded config into a {@link TaskPlan}: names, allow-list checks, pools (as in the C#
 * plugin: an implicit {@code default} pool with IIS defaults unless the job declares one, an application
 * without {@code application_pool} uses {@code default}, and only pools an application uses are created;
 * the others are listed in {@link TaskPlan#droppedPools()}), applications root first (a driver-created site
 * always gets a root application), virtual directories, bindings and environment. Pure: it changes nothing on
 * disk or on the host.
 */
public final class DeploymentPlanner {
    /** Where {@code iis_log} puts the site's W3C request log, relative to the task dir. */
    public static final String IIS_LOG_DIR = "logs/iis";

    /** Where the root application of a site without one points when no placeholder folder exists. */
    public static final String EMPTY_ROOT_DIR = "tmp/iis-root";

    private final PluginConfig pluginConfig;
    private final Map<String, String> pluginEnv;
    private final Function<String, Optional<SiteSpec>> siteLookup;

    /**
     * @param pluginConfig the agent's plugin config (allow-lists, placeholder)
     * @param pluginEnv the plugin process's environment
     * @param siteLookup finds existing sites, for {@code target_website}
     */
    public DeploymentPlanner(
            PluginConfig pluginConfig, Map<String, String> pluginEnv, Function<String, Optional<SiteSpec>> siteLookup) {
        this.pluginConfig = requireNonNull(pluginConfig, "pluginConfig");
        this.pluginEnv = requireNonNull(pluginEnv, "pluginEnv");
        this.siteLookup = requireNonNull(siteLookup, "siteLookup");
    }

    /** Plans the task; a bad config is an {@link DriverException.Kind#INVALID_ARGUMENT} error. */
    public TaskPlan plan(IisTaskConfig config, TaskRequest request) throws DriverException {
        String allocId = request.identity().allocId();
        String taskName = request.identity().taskName();
        Path taskDir = request.taskDir().toAbsolutePath().normalize();
        AccessRules rules = new AccessRules(pluginConfig);
        rules.check(config);
        boolean ownsSite =
                config.targetWebsite() == null || config.targetWebsite().isBlank();
        String siteName = ownsSite ? IisNames.siteName(allocId, taskName) : targetSite(config.targetWebsite(), rules);

        Map<String, AppPoolConfig> declared = declaredPools(config);
        if (config.applications().isEmpty()) {
            throw DriverException.invalid("the task declares no application; add an application block");
        }
        Map<String, AppPoolConfig> used = new LinkedHashMap<>();
        for (ApplicationConfig app : config.applications()) {
            AppPoolConfig pool = poolOf(app, declared);
            used.putIfAbsent(pool.name(), pool);
        }
        Map<String, AppPoolConfig> ordered = new LinkedHashMap<>();
        List<String> dropped = new ArrayList<>();
        declared.forEach((alias, pool) -> {
            if (used.containsKey(alias)) {
                ordered.put(alias, pool);
            } else if (!isImplicitDefault(pool)) {
                dropped.add(alias);
            }
        });
        Map<String, String> poolNames = new LinkedHashMap<>();
        for (String alias : ordered.keySet()) {
            poolNames.put(alias, IisNames.poolName(allocId, taskName, alias));
        }
        Path tmpDir = taskDir.resolve("tmp");
        Map<String, String> env = TaskEnvironment.forPools(request.env(), pluginEnv, tmpDir);
        List<AppPoolSpec> pools = new ArrayList<>();
        for (AppPoolConfig pool : ordered.values()) {
            pools.add(poolSpec(pool, poolNames.get(pool.name()), env, request));
        }
        // The site's default pool (IIS applicationDefaults, also the pool of a generated root
        // application): "default" when an application uses it, else the first pool created, as in the
        // C# plugin.
        String defaultAlias = ordered.containsKey(IisNames.DEFAULT_POOL)
                ? IisNames.DEFAULT_POOL
                : ordered.keySet().iterator().next();

        List<Path> placeholderTargets = new ArrayList<>();
        List<ApplicationSpec> apps =
                applications(config, ordered, poolNames, taskDir, ownsSite, siteName, placeholderTargets);
        if (ownsSite && apps.stream().noneMatch(a -> a.path().equals("/"))) {
            apps.add(
                    0,
                    new ApplicationSpec(
                            "/",
                            rootFallback(taskDir),
                            poolNames.get(defaultAlias),
                            null,
                            null,
                            null,
                            List.of(),
                            List.of()));
        }
        List<PlannedBinding> bindings =
                ownsSite ? BindingPlanner.plan(config.bindings(), request.ports(), taskDir) : List.of();
        List<AutoStartProviderSpec> providers = new ArrayList<>();
        for (AutoStartProviderConfig p : config.serviceAutoStartProviders()) {
            providers.add(new AutoStartProviderSpec(p.name(), p.type()));
        }
        return new TaskPlan(
                siteName,
                ownsSite,
                pools,
                poolNames,
                defaultAlias,
                apps,
                bindings,
                providers,
                taskDir,
                tmpDir,
                placeholderTargets,
                logFiles(config),
                dropped,
                config.iisLog() ? taskDir.resolve(IIS_LOG_DIR) : null);
    }

    /**
     * The task's {@code log_files}, plus with {@code iis_log} the site's W3C log files (IIS writes them to
     * {@code W3SVC<site id>/u_exYYMMDD.log} under the site's {@code logFile.directory}).
     */
    private static List<String> logFiles(IisTaskConfig config) {
        if (!config.iisLog()) {
            return config.logFiles();
        }
        List<String> globs = new ArrayList<>(config.logFiles());
        globs.add(IIS_LOG_DIR + "/W3SVC*/*.log");
        return globs;
    }

    private String targetSite(String target, AccessRules rules) throws DriverException {
        rules.checkTargetWebsite(target);
        if (siteLookup.apply(target).isEmpty()) {
            throw DriverException.invalid("target_website \"" + target + "\" does not exist on this node");
        }
        return target;
    }

    private static Map<String, AppPoolConfig> declaredPools(IisTaskConfig config) throws DriverException {
        Map<String, AppPoolConfig> declared = new LinkedHashMap<>();
        for (AppPoolConfig pool : config.applicationPools()) {
            String alias = pool.name() == null ? IisNames.DEFAULT_POOL : pool.name();
            if (declared.put(alias, pool) != null) {
                throw DriverException.invalid("application_pool \"" + alias + "\" is declared twice");
            }
        }
        if (!declared.containsKey(IisNames.DEFAULT_POOL)) {
            declared.put(IisNames.DEFAULT_POOL, defaultPool());
        }
        return declared;
    }

    /** The pool added because the job names none {@code default}; dropping it unused is not news. */
    private static boolean isImplicitDefault(AppPoolConfig pool) {
        return pool.equals(defaultPool());
    }

    /** The implicit {@code default} pool: every attribute left to IIS. */
    static AppPoolConfig defaultPool() {
        return new AppPoolConfig(
                IisNames.DEFAULT_POOL,
                PoolIdentity.APPLICATION_POOL_IDENTITY,
                null,
                null,
                PoolSettings.none(),
                List.of());
    }

    private static AppPoolConfig poolOf(ApplicationConfig app, Map<String, AppPoolConfig> pools)
            throws DriverException {
        String alias = app.applicationPool() == null ? IisNames.DEFAULT_POOL : app.applicationPool();
        AppPoolConfig pool = pools.get(alias);
        if (pool == null) {
            throw DriverException.invalid("application \"" + (app.alias() == null ? "/" : app.alias())
                    + "\": application_pool \"" + alias + "\" is not declared (declared: " + pools.keySet() + ")");
        }
        return pool;
    }

    private AppPoolSpec poolSpec(AppPoolConfig p, String name, Map<String, String> env, TaskRequest request) {
        PoolIdentity identity = p.identity() == null ? PoolIdentity.APPLICATION_POOL_IDENTITY : p.identity();
        return new AppPoolSpec(
                name,
                identity,
                p.username(),
                p.password(),
                p.settings(),
                env,
                p.extensions(),
                TaskPaths.sink(request.stdoutPath()),
                TaskPaths.sink(request.stderrPath()));
    }

    private List<ApplicationSpec> applications(
            IisTaskConfig config,
            Map<String, AppPoolConfig> pools,
            Map<String, String> poolNames,
            Path taskDir,
            boolean ownsSite,
            String siteName,
            List<Path> placeholderTargets)
            throws DriverException {
        Set<String> paths = new HashSet<>();
        List<ApplicationSpec> apps = new ArrayList<>();
        Optional<SiteSpec> existing = ownsSite ? Optional.empty() : siteLookup.apply(siteName);
        for (ApplicationConfig app : config.applications()) {
            String path = appPath(app.alias());
            if (!paths.add(path.toLowerCase(Locale.ROOT))) {
                throw DriverException.invalid("application alias \"" + path + "\" is used twice");
            }
            if (!ownsSite && path.equals("/")) {
                throw DriverException.invalid(
                        "application without alias: with target_website every application " + "needs an alias");
            }
            String poolName = poolNames.get(poolOf(app, pools).name());
            Optional<ApplicationSpec> present = existing.flatMap(site -> site.applications().stream()
                    .filter(a -> a.path().equalsIgnoreCase(path))
                    .findFirst());
            if (present.isPresent() && !poolNames.containsValue(present.get().poolName())) {
                // an application of this task's own pool is a leftover of this allocation: the start replaces it
                throw DriverException.invalid("application \"" + path + "\" already exists in website \""
                        + siteName + "\" (application pool \"" + present.get().poolName()
                        + "\", not this task's); it is left untouched");
            }
            Path physical = TaskPaths.resolve(taskDir, "application \"" + path + "\" path", app.path());
            placeholderTargets.add(physical);
            List<VirtualDirectorySpec> vdirs = virtualDirectories(app, path, taskDir);
            ApplicationSpec spec = new ApplicationSpec(
                    path,
                    physical,
                    poolName,
                    app.enablePreload(),
                    app.serviceAutoStartEnabled(),
                    app.serviceAutoStartProvider(),
                    vdirs,
                    app.extensions());
            if (path.equals("/")) {
                apps.add(0, spec);
            } else {
                apps.add(spec);
            }
        }
        return apps;
    }

    private static List<VirtualDirectorySpec> virtualDirectories(ApplicationConfig app, String appPath, Path taskDir)
            throws DriverException {
        Set<String> seen = new HashSet<>();
        List<VirtualDirectorySpec> vdirs = new ArrayList<>();
        for (VirtualDirectoryConfig v : app.virtualDirectories()) {
            String path = appPath(v.alias());
            if (path.equals("/")) {
                throw DriverException.invalid(
                        "application \"" + appPath + "\": virtual_directory alias must not " + "be empty");
            }
            if (!seen.add(path.toLowerCase(Locale.ROOT))) {
                throw DriverException.invalid(
                        "application \"" + appPath + "\": virtual_directory \"" + path + "\" is declared twice");
            }
            Path physical = TaskPaths.resolve(taskDir, "virtual_directory \"" + path + "\" path", v.path());
            vdirs.add(new VirtualDirectorySpec(path, physical, v.extensions()));
        }
        return vdirs;
    }

    /** {@code /alias} from an alias written with or without a leading slash; {@code /} for none. */
    static String appPath(String alias) {
        if (alias == null) {
            return "/";
        }
        String trimmed = alias.trim().replace('\\', '/');
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return "/" + trimmed;
    }

    private Path rootFallback(Path taskDir) {
        String placeholder = pluginConfig.placeholderAppPath();
        if (placeholder != null && !placeholder.isBlank()) {
            try {
                Path p = Path.of(placeholder);
                if (Files.isDirectory(p)) {
                    return p.toAbsolutePath().normalize();
                }
            } catch (RuntimeException e) {
                // not a path on this OS: fall through
            }
        }
        return taskDir.resolve(EMPTY_ROOT_DIR);
    }
}
