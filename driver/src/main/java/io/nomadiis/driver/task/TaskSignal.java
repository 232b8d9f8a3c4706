package io.nomadiis.driver.task;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The signals an IIS task understands, matched case-insensitively: {@code START}, {@code STOP},
 * {@code RECYCLE} (or {@code SIGHUP}) act on all pools of the task; {@code SIGINT} and {@code SIGKILL}
 * tear the task down (it then ends with exit code 0). Any other signal has no action (see {@link #find}).
 */
public enum TaskSignal {
    START("START"),
    STOP("STOP"),
    RECYCLE("RECYCLE", "SIGHUP"),
    TEARDOWN("SIGINT", "SIGKILL");

    private final List<String> names;

    TaskSignal(String... names) {
        this.names = List.of(names);
    }

    /**
     * The action for that signal name, or empty when the driver has none (e.g. {@code SIGUSR1},
     * {@code SIGTERM}, {@code SIGQUIT} or a blank name): like the C# plugin, the driver then logs the
     * signal and answers OK instead of failing, so a {@code template { change_mode = "signal" }} does
     * not make Nomad kill the task.
     */
    public static Optional<TaskSignal> find(String name) {
        String upper = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (TaskSignal s : values()) {
            if (s.names.contains(upper)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Every accepted signal name. */
    public static List<String> allowed() {
        return Arrays.stream(values()).flatMap(s -> s.names.stream()).toList();
    }
}
