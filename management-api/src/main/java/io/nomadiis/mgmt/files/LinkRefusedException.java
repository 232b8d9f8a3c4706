package io.nomadiis.mgmt.files;

import java.nio.file.FileSystemException;

/** A file operation met a symbolic link (or junction) where it only follows real folders and files. */
public final class LinkRefusedException extends FileSystemException {
    public LinkRefusedException(String file) {
        super(file, null, "is a symbolic link; the management api does not follow links");
    }
}
