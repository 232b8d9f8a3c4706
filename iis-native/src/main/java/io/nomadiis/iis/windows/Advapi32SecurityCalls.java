package io.nomadiis.iis.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.AccCtrl;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.PointerByReference;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link WindowsSecurityCalls} through advapi32 (JNA): {@code LookupAccountName},
 * {@code GetNamedSecurityInfo} (with the descriptor's control word), {@code SetNamedSecurityInfo}.
 * Windows only. Called by the threads that apply or release directory security.
 */
final class Advapi32SecurityCalls implements WindowsSecurityCalls {
    private static final int SE_DACL_PROTECTED = 0x1000;
    private static final int UNPROTECTED_DACL_SECURITY_INFORMATION = 0x20000000;

    @Override
    public String accountSid(String accountName) throws Win32CallException {
        try {
            return Advapi32Util.getAccountByName(accountName).sidString;
        } catch (Win32Exception e) {
            throw new Win32CallException("LookupAccountName(\"" + accountName + "\")", e.getErrorCode());
        }
    }

    @Override
    public FolderDacl readDacl(Path folder) throws Win32CallException {
        PointerByReference dacl = new PointerByReference();
        PointerByReference descriptor = new PointerByReference();
        int rc = Advapi32.INSTANCE.GetNamedSecurityInfo(
                folder.toString(),
                AccCtrl.SE_OBJECT_TYPE.SE_FILE_OBJECT,
                WinNT.DACL_SECURITY_INFORMATION,
                null,
                null,
                dacl,
                null,
                descriptor);
        if (rc != 0) {
            throw new Win32CallException("GetNamedSecurityInfo(" + folder + ")", rc);
        }
        try {
            // GetNamedSecurityInfo returns a self-relative descriptor: Revision (1 byte), Sbz1 (1 byte),
            // then the SECURITY_DESCRIPTOR_CONTROL word
            int control = descriptor.getValue().getShort(2) & 0xFFFF;
            boolean protectedDacl = (control & SE_DACL_PROTECTED) != 0;
            Pointer acl = dacl.getValue();
            if (acl == null) {
                return new FolderDacl(new AccessControlList(2, List.of()), protectedDacl);
            }
            int size = acl.getShort(2) & 0xFFFF;
            return new FolderDacl(AccessControlList.parse(acl.getByteArray(0, size)), protectedDacl);
        } finally {
            Kernel32.INSTANCE.LocalFree(descriptor.getValue());
        }
    }

    @Override
    public void writeDacl(Path folder, AccessControlList acl, boolean protectedDacl) throws Win32CallException {
        byte[] bytes = acl.encode();
        Memory memory = new Memory(bytes.length);
        memory.write(0, bytes, 0, bytes.length);
        int rc = Advapi32.INSTANCE.SetNamedSecurityInfo(
                folder.toString(),
                AccCtrl.SE_OBJECT_TYPE.SE_FILE_OBJECT,
                WinNT.DACL_SECURITY_INFORMATION
                        | (protectedDacl
                                ? WinNT.PROTECTED_DACL_SECURITY_INFORMATION
                                : UNPROTECTED_DACL_SECURITY_INFORMATION),
                null,
                null,
                memory,
                null);
        if (rc != 0) {
            throw new Win32CallException("SetNamedSecurityInfo(" + folder + ")", rc);
        }
    }
}
