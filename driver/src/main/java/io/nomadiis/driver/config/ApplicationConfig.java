package io.nomadiis.driver.config;

import io.nomadiis.iis.Extension;
import java.util.List;

/**
 * An {@code application} block.
 *
 * @param path physical path as written in the job (relative paths resolve under the task dir)
 * @param alias alias without leading slash, or null for the root application
 * @param applicationPool the referenced pool alias ({@code default} when absent)
 */
public record ApplicationConfig(
        String path,
        String alias,
        String applicationPool,
        Boolean enablePreload,
        Boolean serviceAutoStartEnabled,
        String serviceAutoStartProvider,
        List<VirtualDirectoryConfig> virtualDirectories,
        List<Extension> extensions) {
    public ApplicationConfig {
        virtualDirectories = List.copyOf(virtualDirectories);
        extensions = List.copyOf(extensions);
    }
}
