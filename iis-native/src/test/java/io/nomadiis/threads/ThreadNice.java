package io.nomadiis.threads;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The calling thread's nice value as Linux reports it in {@code /proc/thread-self/stat} (field 19,
 * proc(5)); empty where there is no such file. Called by any thread, about itself; tests read it to see what
 * {@link NamedThreadFactory#background} did.
 */
final class ThreadNice {
    private static final Path STAT = Path.of("/proc/thread-self/stat");
    private static final int NICE_FIELD = 19;

    private ThreadNice() {}

    /** The calling thread's nice value, or empty when procfs does not say. */
    static OptionalInt current() {
        try {
            String stat = Files.readString(STAT, StandardCharsets.US_ASCII);
            // field 2 (the command name) is in parentheses and may contain spaces: count after its ')'
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalInt.of(Integer.parseInt(rest[NICE_FIELD - 3]));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }
}
