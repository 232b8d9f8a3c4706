package io.nomadiis.mgmt.files;

import java.io.IOException;
import java.util.Locale;

/** A failed Windows file call, with its NTSTATUS (NT calls) or Win32 error code (kernel32 calls). */
final class WindowsCallException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final boolean ntStatus;

    WindowsCallException(String call, int code, boolean ntStatus) {
        super(call + " failed with " + (ntStatus ? "NTSTATUS 0x" : "error ")
                + (ntStatus ? Integer.toHexString(code).toUpperCase(Locale.ROOT) : Integer.toString(code)));
        this.code = code;
        this.ntStatus = ntStatus;
    }

    /** Whether this is the NTSTATUS {@code status}. */
    boolean isStatus(int status) {
        return ntStatus && code == status;
    }
}
