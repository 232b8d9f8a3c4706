package io.nomadiis.mgmt.dump;

import io.nomadiis.driver.config.ProcdumpConfig;
import io.nomadiis.mgmt.http.ApiException;
import java.util.Locale;

/**
 * Chooses the dump tool for this host: on Windows procdump.exe when the plugin's {@code procdump} block is
 * configured, else dbghelp's MiniDumpWriteDump; gcore elsewhere.
 */
public final class DumpTools {
    private DumpTools() {}

    /** The tool to use, or a 500 saying what is missing. */
    public static DumpTool select(ProcdumpConfig procdump) {
        boolean windows =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        if (windows) {
            return procdump == null ? new MiniDumpTool() : new ProcdumpDumpTool(procdump);
        }
        return GcoreDumpTool.find()
                .orElseThrow(() -> new ApiException(500, "no dump tool: gcore is not installed (install gdb)"));
    }
}
