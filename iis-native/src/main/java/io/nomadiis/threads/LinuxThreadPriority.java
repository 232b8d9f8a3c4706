package io.nomadiis.threads;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;

/**
 * Lowers the CPU priority of the calling thread on Linux, where Java's {@link Thread#setPriority} has no
 * effect for a process that is not root: Linux keeps a nice value per thread, and glibc's {@code nice(3)}
 * changes the calling thread's ({@code setpriority(2)} with {@code PRIO_PROCESS} and who 0 names the calling
 * thread on Linux; see the man page's "BUGS" section). A thread may always raise its own nice value without
 * privileges, and the kernel clamps it at 19. Children a thread starts (gcore, Chromium) inherit its nice
 * value. Called by the thread itself, once, as it starts.
 */
final class LinuxThreadPriority {
    private interface LibC extends Library {
        int nice(int increment) throws LastErrorException;
    }

    private static final class Holder {
        static final LibC LIBC = Native.load("c", LibC.class);
    }

    private LinuxThreadPriority() {}

    /** Whether this JVM runs on Linux. */
    static boolean supported() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).equals("linux");
    }

    /**
     * Raises the calling thread's nice value by {@code steps} (at most to 19). Best effort: returns false off
     * Linux, or when the C library cannot be loaded or refuses, and the thread then runs at its inherited
     * priority.
     */
    static boolean lowerCurrentThread(int steps) {
        if (!supported()) {
            return false;
        }
        try {
            Holder.LIBC.nice(steps);
            return true;
        } catch (LastErrorException | LinkageError e) {
            // LinkageError: no C library to load (UnsatisfiedLinkError, then NoClassDefFoundError on later calls)
            return false;
        }
    }
}
