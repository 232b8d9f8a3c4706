package io.nomadiis.mgmt.dump;

import io.nomadiis.iis.IisException;
import io.nomadiis.iis.windows.MiniDumps;
import io.nomadiis.mgmt.http.ApiException;
import java.nio.file.Path;

/**
 * Full dumps on Windows through dbghelp's {@code MiniDumpWriteDump}: the default there when the plugin's
 * {@code procdump} block is not configured, so dumps need no extra download.
 */
public final class MiniDumpTool implements DumpTool {

    @Override
    public String name() {
        return "MiniDumpWriteDump";
    }

    @Override
    public Path dump(long pid, Path folder) {
        Path dump = folder.resolve("w3wp-" + pid + ".dmp");
        try {
            MiniDumps.writeFullDump(pid, dump);
        } catch (IisException e) {
            throw new ApiException(500, e.getMessage());
        }
        return dump;
    }
}
