package io.nomadiis.iis;

import java.nio.file.Path;
import java.util.List;

/**
 * A virtual directory inside an application.
 *
 * @param path the path relative to the application, starting with {@code /} (e.g. {@code /media})
 * @param physicalPath the folder it serves
 * @param extensions extra attributes on the element
 */
public record VirtualDirectorySpec(String path, Path physicalPath, List<Extension> extensions) {
    public VirtualDirectorySpec {
        extensions = List.copyOf(extensions);
    }
}
