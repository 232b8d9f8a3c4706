package io.nomadiis.mgmt.routes;

import io.nomadiis.mgmt.http.ApiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The free-space check uploads and process dumps make before writing: the usable space of the disk
 * holding a folder (as the JDK's {@code FileStore.getUsableSpace} reports it for this process) must
 * cover the bytes about to be written plus the configured reserve, else 507 Insufficient Storage.
 * Called on API worker threads.
 */
final class DiskSpace {
    private DiskSpace() {}

    /**
     * @param folder a folder on the disk that will receive the bytes
     * @param bytes the bytes about to be written (announced or estimated; 0 when unknown)
     * @param reserve room that must stay free beyond them
     * @param what what is written, for the message
     */
    static void require(Path folder, long bytes, long reserve, String what) throws IOException {
        long needed = saturatedAdd(bytes, reserve);
        long free = Files.getFileStore(folder).getUsableSpace();
        if (free < needed) {
            throw new ApiException(
                    507,
                    "not enough disk space for " + what + ": " + (free >> 20) + " MiB free, "
                            + ceilMiB(bytes) + " MiB needed plus " + ceilMiB(reserve)
                            + " MiB that must stay free");
        }
    }

    private static long ceilMiB(long bytes) {
        return (bytes >> 20) + ((bytes & ((1L << 20) - 1)) == 0 ? 0 : 1);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
