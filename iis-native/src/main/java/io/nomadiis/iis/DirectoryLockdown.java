package io.nomadiis.iis;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code directory_security} locks down for one task (the C# plugin's plan): the allocation's
 * {@code alloc/} folders and the task's {@code local}, {@code secrets}, {@code tmp} and {@code private}
 * folders, granted to the accounts of the task's pools.
 *
 * @param allocDir the allocation directory
 * @param taskName the task, whose directory is {@code <allocDir>/<taskName>}
 * @param pools the task's pools, whose identities are granted access
 * @param permitIusr whether {@code IUSR} (anonymous authentication) gets full control of {@code local}
 */
public record DirectoryLockdown(Path allocDir, String taskName, List<AppPoolSpec> pools, boolean permitIusr) {
    public DirectoryLockdown {
        pools = List.copyOf(pools);
    }
}
