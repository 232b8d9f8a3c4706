package io.nomadiis.iis.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The dbghelp function that writes a process dump, with its C signature. Raw binding only; {@link MiniDumps} holds the
 * logic.
 */
interface DbgHelpCalls extends StdCallLibrary {
    /** Loaded on first use (Windows only). */
    DbgHelpCalls INSTANCE = Native.load("dbghelp", DbgHelpCalls.class, W32APIOptions.DEFAULT_OPTIONS);

    boolean MiniDumpWriteDump(
            WinNT.HANDLE process,
            int processId,
            WinNT.HANDLE file,
            int dumpType,
            Pointer exceptionParam,
            Pointer userStreamParam,
            Pointer callbackParam);
}
