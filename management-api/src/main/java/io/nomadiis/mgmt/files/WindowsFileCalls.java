package io.nomadiis.mgmt.files;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw kernel32/ntdll binding of {@link WindowsFileApi}; no logic beyond packing the documented
 * structures (layouts from the Windows SDK headers for the process's pointer size: OBJECT_ATTRIBUTES,
 * UNICODE_STRING, IO_STATUS_BLOCK in {@code wdm.h}; FILE_RENAME_INFORMATION in {@code ntifs.h};
 * OVERLAPPED in {@code minwinbase.h}; FILE_BASIC_INFO, FILE_STANDARD_INFO
 * and FILE_FULL_DIR_INFO in {@code winbase.h}) and turning failures into
 * {@link WindowsCallException}. Windows only; loaded on first use.
 */
final class WindowsFileCalls implements WindowsFileApi {
    private static final int P = Native.POINTER_SIZE;

    // CreateFileW (fileapi.h / winbase.h)
    private static final int FILE_SHARE_ALL = 0x1 | 0x2 | 0x4;
    private static final int OPEN_EXISTING = 3;
    private static final int FILE_FLAG_BACKUP_SEMANTICS = 0x02000000;
    private static final long INVALID_HANDLE_VALUE = -1;

    // OBJECT_ATTRIBUTES.Attributes (wdm.h)
    private static final int OBJ_CASE_INSENSITIVE = 0x40;

    // FILE_INFORMATION_CLASS for NtSetInformationFile (wdm.h)
    private static final int FILE_RENAME_INFORMATION = 10;
    private static final int FILE_DISPOSITION_INFORMATION = 13;
    private static final int FILE_END_OF_FILE_INFORMATION = 20;

    // FILE_INFO_BY_HANDLE_CLASS for GetFileInformationByHandleEx (minwinbase.h)
    private static final int FILE_BASIC_INFO = 0;
    private static final int FILE_STANDARD_INFO = 1;
    private static final int FILE_FULL_DIRECTORY_INFO = 14;
    private static final int FILE_FULL_DIRECTORY_RESTART_INFO = 15;

    // Win32 errors (winerror.h)
    private static final int ERROR_HANDLE_EOF = 38;
    private static final int ERROR_NO_MORE_FILES = 18;
    private static final int ERROR_INSUFFICIENT_BUFFER = 122;

    /** Seconds between 1601-01-01 (FILETIME epoch) and 1970-01-01. */
    private static final long FILETIME_EPOCH_MILLIS = 11_644_473_600_000L;

    private interface Kernel32 extends StdCallLibrary {
        Pointer CreateFileW(
                WString name, int access, int share, Pointer security, int creation, int flags, Pointer template);

        boolean CloseHandle(Pointer handle);

        int GetFinalPathNameByHandleW(Pointer handle, char[] path, int length, int flags);

        boolean GetFileInformationByHandleEx(Pointer handle, int infoClass, Pointer info, int size);

        boolean ReadFile(Pointer handle, Pointer buffer, int length, IntByReference read, Pointer overlapped);

        boolean WriteFile(Pointer handle, Pointer buffer, int length, IntByReference written, Pointer overlapped);

        boolean FlushFileBuffers(Pointer handle);
    }

    private interface NtDll extends StdCallLibrary {
        int NtCreateFile(
                PointerByReference handle,
                int access,
                Pointer objectAttributes,
                Pointer ioStatus,
                Pointer allocationSize,
                int fileAttributes,
                int share,
                int disposition,
                int options,
                Pointer eaBuffer,
                int eaLength);

        int NtSetInformationFile(Pointer handle, Pointer ioStatus, Pointer info, int length, int infoClass);
    }

    private static final class Holder {
        static final Kernel32 KERNEL32 = Native.load("kernel32", Kernel32.class);
        static final NtDll NTDLL = Native.load("ntdll", NtDll.class);
    }

    private static Pointer h(long handle) {
        return new Pointer(handle);
    }

    private static WindowsCallException lastError(String call) {
        return new WindowsCallException(call, Native.getLastError(), false);
    }

    private static void check(String call, int status) throws WindowsCallException {
        if (status < 0) {
            throw new WindowsCallException(call, status, true);
        }
    }

    private static Memory utf16(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_16LE);
        Memory m = zeroed(bytes.length + 2L);
        m.write(0, bytes, 0, bytes.length);
        return m;
    }

    private static Memory zeroed(long size) {
        Memory m = new Memory(size);
        m.clear();
        return m;
    }

    /** Long paths and UNC paths in the {@code \\?\} form CreateFileW takes without MAX_PATH. */
    static String extendedPath(String path) {
        if (path.startsWith("\\\\?\\")) {
            return path;
        }
        if (path.startsWith("\\\\")) {
            return "\\\\?\\UNC\\" + path.substring(2);
        }
        return "\\\\?\\" + path;
    }

    @Override
    public long openFolderByPath(String path) throws IOException {
        Pointer p = Holder.KERNEL32.CreateFileW(
                new WString(extendedPath(path)),
                FILE_LIST_DIRECTORY | FILE_TRAVERSE | FILE_READ_ATTRIBUTES | SYNCHRONIZE,
                FILE_SHARE_ALL,
                null,
                OPEN_EXISTING,
                FILE_FLAG_BACKUP_SEMANTICS,
                null);
        long value = p == null ? 0 : Pointer.nativeValue(p);
        if (value == INVALID_HANDLE_VALUE || value == 0) {
            throw lastError("CreateFileW");
        }
        return value;
    }

    @Override
    public long openRelative(long folder, String name, int access, int disposition, int options) throws IOException {
        Memory nameBuffer = utf16(name);
        int nameBytes = (int) nameBuffer.size() - 2;
        Memory unicode = zeroed(2L * P);
        unicode.setShort(0, (short) nameBytes);
        unicode.setShort(2, (short) nameBytes);
        unicode.setPointer(P, nameBuffer);
        Memory attributes = zeroed(6L * P);
        attributes.setInt(0, 6 * P);
        attributes.setPointer(P, h(folder));
        attributes.setPointer(2L * P, unicode);
        attributes.setInt(3L * P, OBJ_CASE_INSENSITIVE);
        Memory ioStatus = zeroed(2L * P);
        PointerByReference out = new PointerByReference();
        int status = Holder.NTDLL.NtCreateFile(
                out, access, attributes, ioStatus, null, 0, FILE_SHARE_ALL, disposition, options, null, 0);
        // the name and its UNICODE_STRING are reached only through native pointers: keep them alive
        java.lang.ref.Reference.reachabilityFence(nameBuffer);
        java.lang.ref.Reference.reachabilityFence(unicode);
        check("NtCreateFile", status);
        return Pointer.nativeValue(out.getValue());
    }

    @Override
    public Info info(long handle) throws IOException {
        Memory basic = zeroed(40);
        Memory standard = zeroed(24);
        if (!Holder.KERNEL32.GetFileInformationByHandleEx(h(handle), FILE_BASIC_INFO, basic, 40)
                || !Holder.KERNEL32.GetFileInformationByHandleEx(h(handle), FILE_STANDARD_INFO, standard, 24)) {
            throw lastError("GetFileInformationByHandleEx");
        }
        return new Info(basic.getInt(32), standard.getLong(8), millis(basic.getLong(16)), millis(basic.getLong(0)));
    }

    private static long millis(long filetime) {
        return filetime / 10_000 - FILETIME_EPOCH_MILLIS;
    }

    @Override
    public String finalPath(long handle) throws IOException {
        char[] buf = new char[512];
        while (true) {
            int n = Holder.KERNEL32.GetFinalPathNameByHandleW(h(handle), buf, buf.length, 0);
            if (n == 0) {
                throw lastError("GetFinalPathNameByHandleW");
            }
            if (n < buf.length) {
                return new String(buf, 0, n);
            }
            if (n > 65_536) {
                throw new WindowsCallException("GetFinalPathNameByHandleW", ERROR_INSUFFICIENT_BUFFER, false);
            }
            buf = new char[n + 1];
        }
    }

    @Override
    public List<String> list(long folder) throws IOException {
        List<String> names = new ArrayList<>();
        int size = 64 << 10;
        Memory buf = new Memory(size);
        int infoClass = FILE_FULL_DIRECTORY_RESTART_INFO;
        while (true) {
            buf.clear();
            if (!Holder.KERNEL32.GetFileInformationByHandleEx(h(folder), infoClass, buf, size)) {
                int error = Native.getLastError();
                if (error == ERROR_NO_MORE_FILES) {
                    return names;
                }
                throw new WindowsCallException("GetFileInformationByHandleEx", error, false);
            }
            infoClass = FILE_FULL_DIRECTORY_INFO;
            long offset = 0;
            while (true) {
                int next = buf.getInt(offset);
                int nameBytes = buf.getInt(offset + 60);
                String name = new String(buf.getCharArray(offset + 68, nameBytes / 2));
                if (!name.equals(".") && !name.equals("..")) {
                    names.add(name);
                }
                if (next == 0) {
                    break;
                }
                offset += next;
            }
        }
    }

    private static Memory overlapped(long position) {
        Memory o = zeroed(3L * P + 8);
        o.setInt(2L * P, (int) position);
        o.setInt(2L * P + 4, (int) (position >>> 32));
        return o;
    }

    @Override
    public int read(long file, long position, byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        Memory m = new Memory(length);
        IntByReference read = new IntByReference();
        if (!Holder.KERNEL32.ReadFile(h(file), m, length, read, overlapped(position))) {
            int error = Native.getLastError();
            if (error == ERROR_HANDLE_EOF) {
                return -1;
            }
            throw new WindowsCallException("ReadFile", error, false);
        }
        int n = read.getValue();
        if (n == 0) {
            return -1;
        }
        m.read(0, buffer, offset, n);
        return n;
    }

    @Override
    public int write(long file, long position, byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        Memory m = new Memory(length);
        m.write(0, buffer, offset, length);
        IntByReference written = new IntByReference();
        if (!Holder.KERNEL32.WriteFile(h(file), m, length, written, overlapped(position))) {
            throw lastError("WriteFile");
        }
        return written.getValue();
    }

    @Override
    public void setLength(long file, long length) throws IOException {
        Memory info = zeroed(8);
        info.setLong(0, length);
        check(
                "NtSetInformationFile(FileEndOfFileInformation)",
                Holder.NTDLL.NtSetInformationFile(h(file), zeroed(2L * P), info, 8, FILE_END_OF_FILE_INFORMATION));
    }

    @Override
    public void flush(long file) throws IOException {
        if (!Holder.KERNEL32.FlushFileBuffers(h(file))) {
            throw lastError("FlushFileBuffers");
        }
    }

    @Override
    public void rename(long handle, long toFolder, String toName, boolean replace) throws IOException {
        byte[] name = toName.getBytes(StandardCharsets.UTF_16LE);
        long nameOffset = 2L * P + 4;
        Memory info = zeroed(Math.max(nameOffset + name.length + 2, 3L * P));
        info.setByte(0, (byte) (replace ? 1 : 0));
        info.setPointer(P, h(toFolder));
        info.setInt(2L * P, name.length);
        info.write(nameOffset, name, 0, name.length);
        check(
                "NtSetInformationFile(FileRenameInformation)",
                Holder.NTDLL.NtSetInformationFile(
                        h(handle), zeroed(2L * P), info, (int) info.size(), FILE_RENAME_INFORMATION));
    }

    @Override
    public void markForDeletion(long handle) throws IOException {
        Memory info = zeroed(4);
        info.setByte(0, (byte) 1);
        check(
                "NtSetInformationFile(FileDispositionInformation)",
                Holder.NTDLL.NtSetInformationFile(h(handle), zeroed(2L * P), info, 1, FILE_DISPOSITION_INFORMATION));
    }

    @Override
    public void close(long handle) {
        Holder.KERNEL32.CloseHandle(h(handle));
    }

    /** Whether this is Windows (where kernel32 and ntdll exist). */
    static boolean supported() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}
