package io.nomadiis.iis.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.AccCtrl;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.PointerByReference;
import io.nomadiis.iis.IisException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Applies {@link AclPlan}s to folders through advapi32: reads the folder's DACL, lets
 * {@link AccessControlList#lockDown} compute the new one in plain Java, and writes it back protected
 * (inheritance off). Accounts are resolved to SIDs with one retry after 2 s, because a brand-new
 * {@code IIS AppPool\<pool>} identity may not resolve yet. Folders that do not exist are skipped.
 */
public final class DirectorySecurity {
    private static final int ERROR_NONE_MAPPED = 1332;

    private DirectorySecurity() {}

    /** Applies every plan, in order. */
    public static void apply(List<AclPlan> plans) throws IisException {
        for (AclPlan plan : plans) {
            if (Files.isDirectory(plan.folder())) {
                apply(plan);
            }
        }
    }

    private static void apply(AclPlan plan) throws IisException {
        String folder = plan.folder().toString();
        List<AccessControlList.Ace> grants = new ArrayList<>();
        for (AclPlan.Grant grant : plan.grants()) {
            grants.add(AccessControlList.grant(grant.rights(), sid(grant.identity(), folder)));
        }
        AccessControlList locked = read(folder).lockDown(new HashSet<>(plan.removeIdentities()), grants);
        byte[] bytes = locked.encode();
        Memory acl = new Memory(bytes.length);
        acl.write(0, bytes, 0, bytes.length);
        int rc = Advapi32.INSTANCE.SetNamedSecurityInfo(
                folder,
                AccCtrl.SE_OBJECT_TYPE.SE_FILE_OBJECT,
                WinNT.DACL_SECURITY_INFORMATION | WinNT.PROTECTED_DACL_SECURITY_INFORMATION,
                null,
                null,
                acl,
                null);
        if (rc != 0) {
            throw failure("set the access rules of folder", folder, rc);
        }
    }

    private static AccessControlList read(String folder) throws IisException {
        PointerByReference dacl = new PointerByReference();
        PointerByReference descriptor = new PointerByReference();
        int rc = Advapi32.INSTANCE.GetNamedSecurityInfo(
                folder,
                AccCtrl.SE_OBJECT_TYPE.SE_FILE_OBJECT,
                WinNT.DACL_SECURITY_INFORMATION,
                null,
                null,
                dacl,
                null,
                descriptor);
        if (rc != 0) {
            throw failure("read the access rules of folder", folder, rc);
        }
        try {
            Pointer acl = dacl.getValue();
            if (acl == null) {
                return new AccessControlList(2, List.of());
            }
            int size = acl.getShort(2) & 0xFFFF;
            return AccessControlList.parse(acl.getByteArray(0, size));
        } finally {
            Kernel32.INSTANCE.LocalFree(descriptor.getValue());
        }
    }

    private static String sid(String identity, String folder) throws IisException {
        if (Sids.isSid(identity)) {
            return identity;
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return Advapi32Util.getAccountByName(identity).sidString;
            } catch (Win32Exception e) {
                if (attempt > 0 || e.getErrorCode() != ERROR_NONE_MAPPED) {
                    throw failure("resolve account \"" + identity + "\" for folder", folder, e.getErrorCode());
                }
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IisException("failed to resolve account \"" + identity + "\": interrupted", e);
            }
        }
    }

    private static IisException failure(String operation, String folder, int win32Error) {
        int hresult = 0x80070000 | (win32Error & 0xFFFF);
        String text;
        try {
            text = Kernel32Util.formatMessage(hresult);
        } catch (RuntimeException e) {
            text = "";
        }
        return new ComFailure(operation, folder, hresult, text).toException(null);
    }
}
