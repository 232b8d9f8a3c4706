package io.nomadiis.mgmt.dump;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Sysinternals {@code procdump.exe} command line for a full dump of one process:
 * {@code procdump.exe [-accepteula] -ma <pid> <file>}. Pure, so it is tested on any OS.
 */
public final class ProcdumpCommand {
    private ProcdumpCommand() {}

    /** The argument list, binary first. */
    public static List<String> arguments(String binary, boolean acceptEula, long pid, Path dumpFile) {
        List<String> args = new ArrayList<>();
        args.add(binary);
        if (acceptEula) {
            args.add("-accepteula");
        }
        args.add("-ma");
        args.add(Long.toString(pid));
        args.add(dumpFile.toString());
        return args;
    }
}
