package io.nomadiis.iis;

import java.nio.file.Path;
import java.util.List;

/**
 * An application of a site.
 *
 * @param path {@code /} for the root application, else {@code /alias}
 * @param physicalPath the folder of the root virtual directory
 * @param poolName the full IIS name of the pool that runs it
 * @param preloadEnabled {@code preloadEnabled}, or null
 * @param serviceAutoStartEnabled or null
 * @param serviceAutoStartProvider provider name, or null
 * @param virtualDirectories further virtual directories
 * @param extensions extra attributes on the application element
 */
public record ApplicationSpec(
        String path,
        Path physicalPath,
        String poolName,
        Boolean preloadEnabled,
        Boolean serviceAutoStartEnabled,
        String serviceAutoStartProvider,
        List<VirtualDirectorySpec> virtualDirectories,
        List<Extension> extensions) {
    public ApplicationSpec {
        virtualDirectories = List.copyOf(virtualDirectories);
        extensions = List.copyOf(extensions);
    }
}
