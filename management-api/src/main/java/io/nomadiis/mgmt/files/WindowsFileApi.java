package io.nomadiis.mgmt.files;

import java.io.IOException;
import java.util.List;

/**
 * The Windows file calls {@link WindowsHandleFolder} is built on, one method per call, with the
 * documented meaning of the flags they take (constants below, values from the Windows SDK headers
 * {@code winnt.h}, {@code ntifs.h}/{@code wdm.h} and {@code ntstatus.h}). {@link WindowsFileCalls}
 * binds them to kernel32/ntdll; tests run the logic against a double of these calls that models
 * NTFS. Handles are opaque numbers; a failed NT call throws {@link WindowsCallException} with its
 * NTSTATUS, a failed Win32 call one with its error code.
 *
 * <p>Called on API worker threads; implementations are thread-safe.
 */
interface WindowsFileApi {
    // Access rights (winnt.h).
    int FILE_READ_DATA = 0x0001;
    int FILE_LIST_DIRECTORY = 0x0001;
    int FILE_WRITE_DATA = 0x0002;
    int FILE_TRAVERSE = 0x0020;
    int FILE_READ_ATTRIBUTES = 0x0080;
    int DELETE = 0x00010000;
    int SYNCHRONIZE = 0x00100000;

    // NtCreateFile dispositions (wdm.h).
    int FILE_OPEN = 1;
    int FILE_CREATE = 2;
    int FILE_OPEN_IF = 3;

    // NtCreateFile create options (wdm.h).
    int FILE_DIRECTORY_FILE = 0x00000001;
    int FILE_SYNCHRONOUS_IO_NONALERT = 0x00000020;
    int FILE_NON_DIRECTORY_FILE = 0x00000040;
    int FILE_OPEN_REPARSE_POINT = 0x00200000;

    // File attributes (winnt.h).
    int FILE_ATTRIBUTE_DIRECTORY = 0x10;
    int FILE_ATTRIBUTE_REPARSE_POINT = 0x400;

    // NTSTATUS values (ntstatus.h).
    int STATUS_OBJECT_NAME_INVALID = 0xC0000033;
    int STATUS_OBJECT_NAME_NOT_FOUND = 0xC0000034;
    int STATUS_OBJECT_NAME_COLLISION = 0xC0000035;
    int STATUS_OBJECT_PATH_NOT_FOUND = 0xC000003A;
    int STATUS_ACCESS_DENIED = 0xC0000022;
    int STATUS_DELETE_PENDING = 0xC0000056;
    int STATUS_DIRECTORY_NOT_EMPTY = 0xC0000101;
    int STATUS_NOT_A_DIRECTORY = 0xC0000103;
    int STATUS_FILE_IS_A_DIRECTORY = 0xC00000BA;

    /** What {@code GetFileInformationByHandleEx} tells about an open handle. */
    record Info(int attributes, long size, long lastWriteMillis, long creationMillis) {
        boolean isReparsePoint() {
            return (attributes & FILE_ATTRIBUTE_REPARSE_POINT) != 0;
        }

        boolean isDirectory() {
            return (attributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
        }
    }

    /**
     * {@code CreateFileW(path, FILE_LIST_DIRECTORY | FILE_TRAVERSE | FILE_READ_ATTRIBUTES | SYNCHRONIZE,
     * share all, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS)}: opens a folder by its full path,
     * following links in it (the plugin chose that path).
     */
    long openFolderByPath(String path) throws IOException;

    /**
     * {@code NtCreateFile} with {@code OBJECT_ATTRIBUTES.RootDirectory = folder}, {@code ObjectName =
     * name}, {@code OBJ_CASE_INSENSITIVE}, share read/write/delete: opens or creates {@code name} in
     * the open folder. With {@link #FILE_OPEN_REPARSE_POINT} a reparse point (symbolic link,
     * junction) named {@code name} is opened itself, never followed.
     */
    long openRelative(long folder, String name, int access, int disposition, int options) throws IOException;

    /** {@code GetFileInformationByHandleEx} (FileBasicInfo, FileStandardInfo, FileAttributeTagInfo). */
    Info info(long handle) throws IOException;

    /**
     * {@code GetFinalPathNameByHandleW(handle, FILE_NAME_NORMALIZED | VOLUME_NAME_DOS)}: the path the
     * open object has now, as {@code \\?\C:\...} or {@code \\?\UNC\server\share\...}.
     */
    String finalPath(long handle) throws IOException;

    /**
     * {@code GetFileInformationByHandleEx(FileFullDirectoryRestartInfo, then FileFullDirectoryInfo)}:
     * the names in the open folder, without {@code .} and {@code ..}.
     */
    List<String> list(long folder) throws IOException;

    /** {@code ReadFile} at {@code position} (OVERLAPPED offset); -1 at or past the end. */
    int read(long file, long position, byte[] buffer, int offset, int length) throws IOException;

    /** {@code WriteFile} at {@code position} (OVERLAPPED offset); the bytes written. */
    int write(long file, long position, byte[] buffer, int offset, int length) throws IOException;

    /** {@code NtSetInformationFile(FileEndOfFileInformation)}: sets the file's length. */
    void setLength(long file, long length) throws IOException;

    /** {@code FlushFileBuffers}. */
    void flush(long file) throws IOException;

    /**
     * {@code NtSetInformationFile(FileRenameInformation)} with {@code RootDirectory = toFolder} and
     * {@code FileName = toName}: renames the open object into the open folder; the handle needs
     * {@link #DELETE} access. With {@code replace} an existing file of that name is replaced.
     */
    void rename(long handle, long toFolder, String toName, boolean replace) throws IOException;

    /**
     * {@code NtSetInformationFile(FileDispositionInformation, DeleteFile = TRUE)}: the open object is
     * deleted when its handle is closed; the handle needs {@link #DELETE} access, and a folder must be
     * empty.
     */
    void markForDeletion(long handle) throws IOException;

    /** {@code CloseHandle}. */
    void close(long handle);
}
