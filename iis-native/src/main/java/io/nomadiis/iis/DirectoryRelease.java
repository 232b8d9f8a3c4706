package io.nomadiis.iis;

import java.nio.file.Path;
import java.util.List;

/**
 * Takes back the access entries a {@link DirectoryLockdown} added, when the task is torn down. Built from
 * the task's handle, so it names only what the handle keeps.
 *
 * @param allocDir the allocation directory
 * @param taskName the task
 * @param poolNames the full IIS names of the task's pools (still present when this is applied)
 */
public record DirectoryRelease(Path allocDir, String taskName, List<String> poolNames) {
    public DirectoryRelease {
        poolNames = List.copyOf(poolNames);
    }
}
