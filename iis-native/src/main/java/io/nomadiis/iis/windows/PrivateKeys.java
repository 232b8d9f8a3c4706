package io.nomadiis.iis.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;
import io.nomadiis.log.LogField;

/**
 * Deletes the persisted private key of a certificate the driver installed, so removing a managed
 * certificate does not leave its key in the machine key folder. Reads the certificate's
 * {@code CERT_KEY_PROV_INFO_PROP_ID} and deletes the key container through CryptoAPI
 * ({@code CryptAcquireContext} with {@code CRYPT_DELETEKEYSET}) or, for CNG keys (provider type 0),
 * through {@code NCryptDeleteKey}. Best effort: a key that cannot be deleted is logged and left.
 */
final class PrivateKeys {
    private static final System.Logger LOG = System.getLogger(PrivateKeys.class.getName());
    private static final int CERT_KEY_PROV_INFO_PROP_ID = 2;
    private static final int CRYPT_DELETEKEYSET = 0x10;
    private static final int MACHINE_KEY = 0x20;
    private static final int NCRYPT_SILENT_FLAG = 0x40;

    /** advapi32's key-container call. */
    interface Advapi32Keys extends StdCallLibrary {
        Advapi32Keys INSTANCE = Native.load("advapi32", Advapi32Keys.class, W32APIOptions.DEFAULT_OPTIONS);

        boolean CryptAcquireContextW(
                PointerByReference provider, WString container, WString providerName, int type, int flags);
    }

    /** ncrypt's key calls (handles are pointer-sized). */
    interface NCryptKeys extends StdCallLibrary {
        NCryptKeys INSTANCE = Native.load("ncrypt", NCryptKeys.class, W32APIOptions.DEFAULT_OPTIONS);

        int NCryptOpenStorageProvider(PointerByReference provider, WString providerName, int flags);

        int NCryptOpenKey(Pointer provider, PointerByReference key, WString keyName, int legacyKeySpec, int flags);

        int NCryptDeleteKey(Pointer key, int flags);

        int NCryptFreeObject(Pointer object);
    }

    private PrivateKeys() {}

    /** Deletes the key container named by the certificate context's key provider info, if any. */
    static void delete(Pointer certificateContext, String thumbprint) {
        IntByReference size = new IntByReference();
        if (!Crypt32Calls.INSTANCE.CertGetCertificateContextProperty(
                        certificateContext, CERT_KEY_PROV_INFO_PROP_ID, null, size)
                || size.getValue() == 0) {
            return;
        }
        Memory info = new Memory(size.getValue());
        if (!Crypt32Calls.INSTANCE.CertGetCertificateContextProperty(
                certificateContext, CERT_KEY_PROV_INFO_PROP_ID, info, size)) {
            return;
        }
        int ps = Native.POINTER_SIZE;
        Pointer containerPointer = info.getPointer(0);
        Pointer providerPointer = info.getPointer(ps);
        if (containerPointer == null) {
            return;
        }
        String container = containerPointer.getWideString(0);
        String provider = providerPointer == null ? null : providerPointer.getWideString(0);
        int type = info.getInt(2L * ps);
        int flags = info.getInt(2L * ps + 4);
        boolean deleted =
                type == 0 ? deleteCng(container, provider, flags) : deleteCapi(container, provider, type, flags);
        if (!deleted) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "cannot delete the certificate's private key",
                    LogField.of("thumbprint", thumbprint),
                    LogField.of("key_container", container),
                    LogField.error(ComFailure.hex(Native.getLastError())));
        }
    }

    private static boolean deleteCapi(String container, String provider, int type, int flags) {
        return Advapi32Keys.INSTANCE.CryptAcquireContextW(
                new PointerByReference(),
                new WString(container),
                provider == null ? null : new WString(provider),
                type,
                CRYPT_DELETEKEYSET | (flags & MACHINE_KEY));
    }

    private static boolean deleteCng(String container, String provider, int flags) {
        PointerByReference storage = new PointerByReference();
        if (NCryptKeys.INSTANCE.NCryptOpenStorageProvider(storage, provider == null ? null : new WString(provider), 0)
                != 0) {
            return false;
        }
        try {
            PointerByReference key = new PointerByReference();
            if (NCryptKeys.INSTANCE.NCryptOpenKey(
                            storage.getValue(),
                            key,
                            new WString(container),
                            0,
                            (flags & MACHINE_KEY) | NCRYPT_SILENT_FLAG)
                    != 0) {
                return false;
            }
            return NCryptKeys.INSTANCE.NCryptDeleteKey(key.getValue(), 0) == 0;
        } finally {
            NCryptKeys.INSTANCE.NCryptFreeObject(storage.getValue());
        }
    }
}
