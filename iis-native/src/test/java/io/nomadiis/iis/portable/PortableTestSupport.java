package io.nomadiis.iis.portable;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Process checks for the portable host's tests. */
final class PortableTestSupport {
    private PortableTestSupport() {}

    /** Processes whose command line names the state dir (the service, workers). */
    static long processesOf(Path stateDir) {
        String marker = new StateLayout(stateDir).root().getParent().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> commandLine(p).contains(marker))
                .count();
    }

    /**
     * A process's whole command line: from procfs where there is one (the JDK's own answer stops after 4096
     * bytes on Linux, before the state dir of a process with a long class path), else the JDK's.
     */
    static String commandLine(ProcessHandle process) {
        Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            return Files.readString(cmdline, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return process.info().commandLine().orElse("");
        }
    }

    /** Waits until no process of the state dir runs; kills leftovers and fails if that takes more than 30 s. */
    static void awaitServiceGone(Path stateDir) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (processesOf(stateDir) == 0) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        String marker = new StateLayout(stateDir).root().getParent().toString();
        ProcessHandle.allProcesses()
                .filter(p -> commandLine(p).contains(marker))
                .forEach(ProcessHandle::destroyForcibly);
        fail("processes of " + stateDir + " still run 30 s after everything was removed");
    }
}
