package io.nomadiis.driver.task;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The signals an IIS task understands, matched case-insensitively: {@code START}, {@code STOP},
 * {@code RECYCLE} (or {@code SIGHUP}) act on all pools of the task; {@code SIGINT} and {@code SIGKILL}
 * tear the task down (it then ends with exit code 0).
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

    /** The signal with that name; an unknown name is an invalid-argument error naming the allowed ones. */
    public static TaskSignal parse(String name) throws DriverException {
        String upper = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (TaskSignal s : values()) {
            if (s.names.contains(upper)) {
                return s;
            }
        }
        throw DriverException.invalid("signal \"" + name + "\" is not supported by the iis driver: use one of "
                + String.join(", ", allowed()));
    }

    /** Every accepted signal name. */
    public static List<String> allowed() {
        return Arrays.stream(values()).flatMap(s -> s.names.stream()).toList();
    }
}
