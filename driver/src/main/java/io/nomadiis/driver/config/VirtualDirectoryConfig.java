package io.nomadiis.driver.config;

import io.nomadiis.iis.Extension;
import java.util.List;

/**
 * A {@code virtual_directory} block.
 *
 * @param alias alias without leading slash, unique per application
 * @param path physical path as written in the job
 */
public record VirtualDirectoryConfig(String alias, String path, List<Extension> extensions) {
    public VirtualDirectoryConfig {
        extensions = List.copyOf(extensions);
    }
}
