package io.nomadiis.iis.windows;

import java.nio.file.Path;

/**
 * The advapi32 calls {@code directory_security} needs, and nothing more: account name to SID, and a
 * folder's DACL with its protection flag, read and written. {@link Advapi32SecurityCalls} is the Windows
 * implementation; the Linux tests use an in-memory model of the Windows security model.
 *
 * <p>Called by whichever thread applies or releases a task's directory security (StartTask and
 * DestroyTask/StopTask threads of the driver), never by an event loop.
 */
public interface WindowsSecurityCalls {
    /** {@code ERROR_FILE_NOT_FOUND}. */
    int ERROR_FILE_NOT_FOUND = 2;
    /** {@code ERROR_ACCESS_DENIED}. */
    int ERROR_ACCESS_DENIED = 5;
    /** {@code ERROR_NONE_MAPPED}: "No mapping between account names and security IDs was done". */
    int ERROR_NONE_MAPPED = 1332;

    /**
     * The SID string of an account ({@code LookupAccountName}).
     *
     * @throws Win32CallException with {@link #ERROR_NONE_MAPPED} when the name is not (yet) known
     */
    String accountSid(String accountName) throws Win32CallException;

    /** The folder's DACL and whether it is protected ({@code GetNamedSecurityInfo}, {@code SE_DACL_PROTECTED}). */
    FolderDacl readDacl(Path folder) throws Win32CallException;

    /**
     * Sets the folder's DACL ({@code SetNamedSecurityInfo} with {@code DACL_SECURITY_INFORMATION} and
     * {@code PROTECTED_DACL_SECURITY_INFORMATION} or {@code UNPROTECTED_DACL_SECURITY_INFORMATION}).
     */
    void writeDacl(Path folder, AccessControlList acl, boolean protectedDacl) throws Win32CallException;

    /**
     * A folder's discretionary access control list.
     *
     * @param acl the entries, inherited ones flagged {@link AccessControlList#INHERITED}
     * @param protectedDacl whether the folder inherits nothing from its parent
     */
    record FolderDacl(AccessControlList acl, boolean protectedDacl) {}

    /** A failed Win32 security call, with its error code. */
    final class Win32CallException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int error;

        public Win32CallException(String operation, int error) {
            super(operation + " failed with Win32 error " + error);
            this.error = error;
        }

        /** The Win32 error code. */
        public int error() {
            return error;
        }
    }
}
