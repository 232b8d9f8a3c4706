package io.nomadiis.driver.config;

import io.nomadiis.iis.Extension;
import io.nomadiis.iis.PoolAttribute;
import io.nomadiis.iis.PoolIdentity;
import io.nomadiis.iis.PoolSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes the {@code application_pool} blocks (and the deprecated {@code applicationPool} ones, concatenated
 * after them): alias at most 8 characters and unique, case-insensitive enums, runtime version
 * {@code v4.0}/{@code v2.0}/{@code None}, {@code SpecificUser} needs a username, and every pool setting of
 * {@link TaskConfigSpec#POOL_SETTINGS} as its declaration reads and validates it. Adds the implicit
 * {@code default} pool when no pool is named so.
 */
final class AppPoolDecoder {

    private static final Map<String, String> RUNTIME_VERSIONS = Map.of("v4.0", "v4.0", "v2.0", "v2.0", "None", "");

    private AppPoolDecoder() {}

    /** The declared pools in order, plus the implicit {@code default} pool when none is named so. */
    static List<AppPoolConfig> decode(List<ConfigBlock> blocks) {
        List<AppPoolConfig> pools = new ArrayList<>();
        Map<String, String> seen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (ConfigBlock block : blocks) {
            AppPoolConfig pool = decodeOne(block);
            if (pool.name() != null) {
                String earlier = seen.putIfAbsent(pool.name(), block.path());
                if (earlier != null) {
                    block.reject(
                            "name",
                            ConfigBlock.quote(pool.name()) + " is already used by " + earlier
                                    + "; pool names must be unique per task");
                }
            }
            pools.add(pool);
        }
        if (!seen.containsKey(TaskConfigSpec.DEFAULT_POOL)) {
            pools.add(implicitDefault());
        }
        return pools;
    }

    /** The pool every task has unless it names one {@code default}. */
    static AppPoolConfig implicitDefault() {
        return new AppPoolConfig(
                TaskConfigSpec.DEFAULT_POOL,
                PoolIdentity.APPLICATION_POOL_IDENTITY,
                null,
                null,
                PoolSettings.none(),
                List.of());
    }

    private static AppPoolConfig decodeOne(ConfigBlock block) {
        String name = name(block);
        PoolIdentity identity = block.choice("identity", PoolIdentity.values(), PoolIdentity::iisName);
        if (block.string("identity") == null) {
            identity = PoolIdentity.APPLICATION_POOL_IDENTITY;
        }
        String username = block.string("username");
        if (identity == PoolIdentity.SPECIFIC_USER && (username == null || username.isBlank())) {
            block.reject("username", "required when identity is \"SpecificUser\"");
        }
        Map<PoolAttribute<?>, Object> settings = new LinkedHashMap<>();
        for (PoolSettingSpec<?> setting : TaskConfigSpec.POOL_SETTINGS) {
            settings.put(setting.target(), setting.read(block));
        }
        return new AppPoolConfig(
                name, identity, username, block.string("password"), PoolSettings.of(settings), poolExtensions(block));
    }

    private static String name(ConfigBlock block) {
        String name = block.string("name");
        if (name == null) {
            return TaskConfigSpec.DEFAULT_POOL;
        }
        if (name.isBlank()) {
            block.reject("name", "must not be empty");
            return null;
        }
        if (name.length() > TaskConfigSpec.MAX_POOL_NAME) {
            block.reject(
                    "name",
                    ConfigBlock.quote(name) + " is " + name.length() + " characters long; at most "
                            + TaskConfigSpec.MAX_POOL_NAME + " are allowed");
        }
        return name;
    }

    /** {@code managed_runtime_version}: the job writes {@code None} where IIS stores {@code ""}. */
    static String runtimeVersion(ConfigBlock block, String hclName, PoolAttribute<String> target) {
        String text = block.string(hclName);
        if (text == null) {
            return null;
        }
        String version = RUNTIME_VERSIONS.get(text);
        if (version == null) {
            block.reject(
                    hclName,
                    ConfigBlock.quote(text) + " is not allowed; use \"v4.0\", \"v2.0\" or \"None\" (no managed code)");
        }
        return version;
    }

    /**
     * The {@code extension} blocks of a pool; one that names a catalogue attribute ({@code queueLength},
     * {@code processModel.idleTimeout}, ...) must hold a value in IIS's text that IIS accepts for it.
     */
    private static List<Extension> poolExtensions(ConfigBlock block) {
        List<ConfigBlock> blocks = block.blocks("extension");
        for (ConfigBlock extension : blocks) {
            String name = extension.string("name");
            String value = extension.string("value");
            if (name != null && value != null) {
                PoolAttribute.byPath(name.trim())
                        .ifPresent(attribute -> PoolSettingSpec.checkIisText(extension, attribute, value));
            }
        }
        return extensions(block);
    }

    /** The {@code extension} blocks of a pool, application or virtual directory. */
    static List<Extension> extensions(ConfigBlock block) {
        List<Extension> extensions = new ArrayList<>();
        for (ConfigBlock extension : block.blocks("extension")) {
            String name = extension.string("name");
            String value = extension.string("value");
            if (name != null && name.isBlank()) {
                extension.reject("name", "must not be empty");
            } else if (name != null && value != null) {
                extensions.add(new Extension(name, value));
            }
        }
        return extensions;
    }
}
