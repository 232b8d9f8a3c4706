package io.nomadiis.driver;

import io.nomadiis.driver.config.PluginConfig;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The plugin configuration in effect: the defaults until Nomad's {@code SetConfig} arrives, then
 * the decoded agent config. Safe to read from any thread; listeners hear every change.
 */
public final class ActivePluginConfig {

    private final List<Consumer<PluginConfig>> listeners = new CopyOnWriteArrayList<>();
    private volatile PluginConfig config;
    private volatile boolean set;

    /** Starts with {@code defaults} (what an empty agent {@code config {}} block decodes to). */
    public ActivePluginConfig(PluginConfig defaults) {
        this.config = Objects.requireNonNull(defaults, "defaults");
    }

    /** The configuration in effect now. */
    public PluginConfig get() {
        return config;
    }

    /** Whether Nomad has sent a configuration. */
    public boolean isSet() {
        return set;
    }

    /** Replaces the configuration (SetConfig); idempotent for equal configs. */
    public void set(PluginConfig next) {
        Objects.requireNonNull(next, "next");
        boolean changed = !next.equals(config);
        config = next;
        set = true;
        if (changed) {
            listeners.forEach(listener -> listener.accept(next));
        }
    }

    /** Registers a listener called (on the setting thread) whenever the configuration changes. */
    public void onChange(Consumer<PluginConfig> listener) {
        listeners.add(listener);
    }
}
