package io.nomadiis.driver.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns the decoded value tree of a task config into an {@link IisTaskConfig}, recording every rule
 * violation: aliases (leading {@code /} tolerated) unique per task and per application, pool references
 * that exist, {@code target_website} needs aliased applications, {@code log_files} relative to the task dir,
 * {@code iis_log} only on a site of the task's own.
 */
final class TaskConfigDecoder {

    private static final Pattern SEPARATORS = Pattern.compile("[/\\\\]");
    private static final Pattern ABSOLUTE = Pattern.compile("^([/\\\\]|[A-Za-z]:).*");

    private static final System.Logger LOG = System.getLogger(TaskConfigDecoder.class.getName());

    private final ConfigBlock root;

    TaskConfigDecoder(ConfigBlock root) {
        this.root = root;
    }

    IisTaskConfig decode() {
        List<ConfigBlock> poolBlocks = new ArrayList<>(root.blocks("application_pool"));
        List<ConfigBlock> deprecated = root.blocks("applicationPool");
        if (!deprecated.isEmpty()) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the applicationPool block is deprecated; rename it to application_pool");
        }
        poolBlocks.addAll(deprecated);
        List<AppPoolConfig> pools = AppPoolDecoder.decode(poolBlocks);
        List<AppPoolConfig> declared = pools.subList(0, poolBlocks.size());
        String targetWebsite = BindingDecoder.blankToNull(root.string("target_website"));
        List<ApplicationConfig> applications = applications(declared, targetWebsite != null);
        boolean iisLog = root.bool("iis_log", false);
        if (iisLog && targetWebsite != null) {
            root.reject(
                    "iis_log",
                    "needs a site of the task's own; it cannot be used with target_website (the log settings of "
                            + ConfigBlock.quote(targetWebsite) + " are not the task's)");
        }
        return new IisTaskConfig(
                pools,
                applications,
                targetWebsite,
                root.bool("permit_iusr", true),
                BindingDecoder.decode(root.blocks("binding")),
                providers(),
                logFiles(),
                iisLog);
    }

    private List<ApplicationConfig> applications(List<AppPoolConfig> declaredPools, boolean targetWebsite) {
        List<ApplicationConfig> applications = new ArrayList<>();
        Map<String, String> aliases = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (ConfigBlock block : root.blocks("application")) {
            String alias = alias(block.string("alias"));
            String key = alias == null ? "/" : alias;
            String earlier = aliases.putIfAbsent(key, block.path());
            if (earlier != null) {
                block.reject(
                        "alias",
                        (alias == null ? "the root application (no alias)" : ConfigBlock.quote(alias))
                                + " is already used by " + earlier + "; application aliases must be unique per task");
            }
            if (alias == null && targetWebsite) {
                block.reject(
                        "alias",
                        "required when target_website is set (the existing site keeps its root " + "application)");
            }
            applications.add(new ApplicationConfig(
                    block.string("path"),
                    alias,
                    pool(block, declaredPools),
                    block.bool("enable_preload"),
                    block.bool("service_auto_start_enabled"),
                    block.string("service_auto_start_provider"),
                    virtualDirectories(block),
                    AppPoolDecoder.extensions(block)));
        }
        return applications;
    }

    private static String pool(ConfigBlock block, List<AppPoolConfig> declaredPools) {
        String reference = block.string("application_pool");
        if (reference == null || reference.isBlank()) {
            reference = TaskConfigSpec.DEFAULT_POOL;
        }
        for (AppPoolConfig pool : declaredPools) {
            if (pool.name() != null && pool.name().equalsIgnoreCase(reference)) {
                return pool.name();
            }
        }
        if (reference.equalsIgnoreCase(TaskConfigSpec.DEFAULT_POOL)) {
            // As in the C# plugin: every task has a pool named "default" (the implicit one, IIS
            // defaults, unless declared), and an application without application_pool uses it.
            return TaskConfigSpec.DEFAULT_POOL;
        }
        List<String> names = declaredPools.stream()
                .map(AppPoolConfig::name)
                .filter(n -> n != null)
                .toList();
        block.reject(
                "application_pool",
                ConfigBlock.quote(reference) + " names no application_pool of this task; "
                        + (names.isEmpty() ? "declare it or use \"default\"" : "use " + ConfigBlock.oneOf(names)));
        return null;
    }

    private static List<VirtualDirectoryConfig> virtualDirectories(ConfigBlock application) {
        List<VirtualDirectoryConfig> directories = new ArrayList<>();
        Map<String, String> aliases = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (ConfigBlock block : application.blocks("virtual_directory")) {
            String alias = alias(block.string("alias"));
            if (alias == null && block.string("alias") != null) {
                block.reject("alias", "must name a directory, got " + ConfigBlock.quote(block.string("alias")));
            } else if (alias != null) {
                String earlier = aliases.putIfAbsent(alias, block.path());
                if (earlier != null) {
                    block.reject(
                            "alias",
                            ConfigBlock.quote(alias) + " is already used by " + earlier
                                    + "; virtual directory aliases must be unique per application");
                }
            }
            directories.add(new VirtualDirectoryConfig(alias, block.string("path"), AppPoolDecoder.extensions(block)));
        }
        return directories;
    }

    private List<AutoStartProviderConfig> providers() {
        List<AutoStartProviderConfig> providers = new ArrayList<>();
        Map<String, String> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (ConfigBlock block : root.blocks("service_auto_start_provider")) {
            String name = block.string("name");
            if (name != null) {
                String earlier = names.putIfAbsent(name, block.path());
                if (earlier != null) {
                    block.reject("name", ConfigBlock.quote(name) + " is already declared by " + earlier);
                }
            }
            providers.add(new AutoStartProviderConfig(name, block.string("type")));
        }
        return providers;
    }

    private List<String> logFiles() {
        List<String> globs = root.strings("log_files");
        for (int i = 0; i < globs.size(); i++) {
            String glob = globs.get(i);
            boolean escapes = List.of(SEPARATORS.split(glob)).contains("..");
            if (glob.isBlank() || ABSOLUTE.matcher(glob).matches() || escapes) {
                root.reject(
                        "log_files[" + i + "]",
                        ConfigBlock.quote(glob)
                                + " is not allowed; use a relative glob under the task dir, e.g. \"local/logs/*.log\"");
            }
        }
        return globs;
    }

    /** The alias without leading slashes, or null for the root application ({@code null}, {@code ""}, {@code /}). */
    static String alias(String text) {
        if (text == null) {
            return null;
        }
        String alias = text.trim();
        int start = 0;
        while (start < alias.length() && alias.charAt(start) == '/') {
            start++;
        }
        return start == alias.length() ? null : alias.substring(start);
    }
}
