package io.nomadiis.driver.plugin;

import io.nomadiis.build.SuppressForbidden;
import java.io.PrintStream;

/**
 * Keeps stdout for the go-plugin handshake line alone: prints the line, flushes, then points
 * {@code System.out} at stderr so a stray {@code System.out.println} can never reach Nomad's
 * handshake reader.
 */
public final class StdoutGuard {

    private StdoutGuard() {}

    /** Prints {@code line} plus {@code \n} on {@code stdout}, flushes, and redirects {@code System.out} to stderr. */
    @SuppressForbidden(reason = "after the handshake, System.out is pointed at stderr")
    public static void announce(PrintStream stdout, String line) {
        stdout.print(line + "\n");
        stdout.flush();
        System.setOut(System.err);
    }
}
