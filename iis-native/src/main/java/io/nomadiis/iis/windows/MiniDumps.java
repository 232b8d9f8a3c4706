package io.nomadiis.iis.windows;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import io.nomadiis.iis.IisException;
import java.nio.file.Path;

/**
 * Full memory dumps of a process (a w3wp worker) through dbghelp's {@code MiniDumpWriteDump}, without
 * Sysinternals procdump: the same content {@code procdump -ma} writes (full memory, handles, unloaded
 * modules, memory and thread info). The caller needs the right to read the process's memory (the plugin
 * runs as an administrator or SYSTEM).
 */
public final class MiniDumps {
    /** {@code MiniDumpWithFullMemory | WithHandleData | WithUnloadedModules | WithFullMemoryInfo | WithThreadInfo}. */
    static final int FULL_DUMP_TYPE = 0x00000002 | 0x00000004 | 0x00000020 | 0x00000800 | 0x00001000;

    private static final int PROCESS_QUERY_INFORMATION = 0x0400;
    private static final int PROCESS_VM_READ = 0x0010;

    private MiniDumps() {}

    /** Writes a full dump of the process into {@code file} (replaced if it exists). */
    public static void writeFullDump(long pid, Path file) throws IisException {
        Kernel32 kernel = Kernel32.INSTANCE;
        WinNT.HANDLE process = kernel.OpenProcess(PROCESS_QUERY_INFORMATION | PROCESS_VM_READ, false, (int) pid);
        if (process == null) {
            throw failure("open process " + pid, kernel.GetLastError());
        }
        try {
            WinNT.HANDLE out = kernel.CreateFile(
                    file.toString(),
                    WinNT.GENERIC_WRITE,
                    0,
                    null,
                    WinNT.CREATE_ALWAYS,
                    WinNT.FILE_ATTRIBUTE_NORMAL,
                    null);
            if (out == null || WinBase.INVALID_HANDLE_VALUE.equals(out)) {
                throw failure("create dump file " + file, kernel.GetLastError());
            }
            try {
                if (!DbgHelpCalls.INSTANCE.MiniDumpWriteDump(
                        process, (int) pid, out, FULL_DUMP_TYPE, null, null, null)) {
                    throw failure("write a dump of process " + pid, kernel.GetLastError());
                }
            } finally {
                kernel.CloseHandle(out);
            }
        } finally {
            kernel.CloseHandle(process);
        }
    }

    private static IisException failure(String what, int error) {
        return new IisException(
                "failed to " + what + ": " + Kernel32Util.formatMessage(error).trim() + " (error " + error + ")");
    }
}
