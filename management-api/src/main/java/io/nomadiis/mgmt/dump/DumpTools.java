package io.nomadiis.mgmt.dump;

import io.nomadiis.driver.config.ProcdumpConfig;
import io.nomadiis.mgmt.http.ApiException;

import java.util.Locale;

/** Chooses the dump tool for this host: procdump on Windows (when configured), gcore elsewhere. */
public final class DumpTools {
    private DumpTools() {
    }

    /** The tool to use, or a 500 saying what is missing. */
    public static DumpTool select(ProcdumpConfig procdump) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        if (windows) {
            if (procdump == null) {
                throw new ApiException(500, "no dump tool: configure the plugin's procdump block (binary_path, accept_eula)");
            }
            return new ProcdumpDumpTool(procdump);
        }
        return GcoreDumpTool.find().orElseThrow(() -> new ApiException(500,
                "no dump tool: gcore is not installed (install gdb)"));
    }
}
