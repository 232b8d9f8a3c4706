package io.nomadiis.mgmt.routes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's resident memory, the size a full dump is estimated at: on Linux the second field of
 * {@code /proc/<pid>/statm} (resident pages, proc(5)) times the page size (4 KiB on x86_64 and the
 * usual arm64 kernels); 0 where it cannot be read (then only the free-disk reserve is checked).
 */
public final class ProcessMemory {
    private static final long PAGE = 4096;

    private ProcessMemory() {}

    public static long residentBytes(long pid) {
        Path statm = Path.of("/proc", Long.toString(pid), "statm");
        try {
            String[] fields =
                    Files.readString(statm, StandardCharsets.US_ASCII).trim().split("\\s+");
            return Long.parseLong(fields[1]) * PAGE;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
