package io.nomadiis.mgmt.dump;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a full memory dump of a process into a folder. */
public interface DumpTool {

    /** A short name for messages ({@code gcore}, {@code procdump}). */
    String name();

    /**
     * Dumps the process and returns the dump file (inside {@code folder}).
     *
     * @throws io.nomadiis.mgmt.http.ApiException when the tool fails, with its output
     */
    Path dump(long pid, Path folder) throws IOException, InterruptedException;
}
