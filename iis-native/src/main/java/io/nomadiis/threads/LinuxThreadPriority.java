package io.nomadiis.threads;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;

/**
 * Lowers the CPU priority of the calling thread on Linux, where Java's {@link Thread#setPriority} has no
 * effect for a process that is not root: Linux keeps a nice value per thread ({@code setpriority(2)} with
 * {@code PRIO_PROCESS} and a thread id, see the man page's "BUGS" section: POSIX says per process, Linux does
 * it per thread), and a thread may always raise its own nice value without privileges. Children a thread
 * starts (gcore, Chromium) inherit its nice value. Called by the thread itself, once, as it starts.
 */
final class LinuxThreadPriority {
    private static final int PRIO_PROCESS = 0;
    private static final int MAX_NICE = 19;

    private interface LibC extends Library {
        int gettid() throws LastErrorException;

        int setpriority(int which, int who, int prio) throws LastErrorException;
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
     * Raises the calling thread's nice value by {@code steps} (at most to 19). Best effort: returns false when
     * the C library cannot be loaded or refuses, and the thread then runs at its inherited priority.
     *
     * @param currentNice the calling thread's nice value now (read by the caller from procfs)
     */
    static boolean lowerCurrentThread(int currentNice, int steps) {
        if (!supported()) {
            return false;
        }
        try {
            int tid = Holder.LIBC.gettid();
            Holder.LIBC.setpriority(PRIO_PROCESS, tid, Math.min(MAX_NICE, currentNice + steps));
            return true;
        } catch (LastErrorException | LinkageError e) {
            // LinkageError: no C library to load (UnsatisfiedLinkError, then NoClassDefFoundError on later calls)
            return false;
        }
    }
}
