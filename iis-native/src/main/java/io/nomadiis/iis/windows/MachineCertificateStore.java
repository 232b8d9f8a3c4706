package io.nomadiis.iis.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinCrypt;
import com.sun.jna.ptr.IntByReference;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.cert.Thumbprints;
import java.nio.charset.StandardCharsets;

/**
 * LocalMachine\My through crypt32: finds certificates by thumbprint, imports PKCS#12 blobs with a
 * machine key set (overwriting the key of an earlier import of the same certificate) and the {@code [MBN] }
 * friendly name, and deletes certificates with their private keys. Raw calls only: which certificates to
 * import or delete is {@link ManagedCertificates}'s decision.
 *
 * <p>Chain certificates that come with the key (PFX or PEM bundle) go to LocalMachine\CA, so http.sys
 * can send the whole chain; they are never removed. Deleting a managed certificate also deletes its
 * private key ({@link PrivateKeys}). Known gap: Java 17 writes PKCS#12 with AES/PBES2 protection,
 * which Windows before 10 1709 / Server 2019 may fail to import, so PEM and self-signed sources may
 * need Windows Server 2019 or later (a PFX file is imported as it is).
 */
final class MachineCertificateStore implements CertificateStoreCalls {
    private static final String STORE = "My";

    @Override
    public String friendlyName(String thumbprint) throws IisException {
        Pointer store = openMy();
        try {
            Pointer context = find(store, thumbprint);
            if (context == null) {
                return null;
            }
            try {
                return friendlyName(context);
            } finally {
                Crypt32Calls.INSTANCE.CertFreeCertificateContext(context);
            }
        } finally {
            Crypt32Calls.INSTANCE.CertCloseStore(store, 0);
        }
    }

    @Override
    public void delete(String thumbprint) throws IisException {
        String t = Thumbprints.normalize(thumbprint);
        Pointer store = openMy();
        try {
            Pointer context = find(store, t);
            if (context == null) {
                return;
            }
            PrivateKeys.delete(context, t);
            if (!Crypt32Calls.INSTANCE.CertDeleteCertificateFromStore(context)) {
                throw lastError("delete certificate", t);
            }
        } finally {
            Crypt32Calls.INSTANCE.CertCloseStore(store, 0);
        }
    }

    @Override
    public void importPkcs12(Pkcs12Blob blob) throws IisException {
        importBlob(blob);
    }

    private void importBlob(Pkcs12Blob blob) throws IisException {
        WinCrypt.DATA_BLOB data = new WinCrypt.DATA_BLOB(blob.bytes());
        Pointer imported = Crypt32Calls.INSTANCE.PFXImportCertStore(
                data,
                new WString(blob.password()),
                Crypt32Calls.CRYPT_MACHINE_KEYSET | Crypt32Calls.PKCS12_ALLOW_OVERWRITE_KEY);
        if (imported == null) {
            throw lastError("import certificate", blob.thumbprint());
        }
        try {
            Pointer leaf = find(imported, blob.thumbprint());
            if (leaf == null) {
                throw new IisException(
                        "failed to import certificate " + blob.thumbprint() + ": not found in the PKCS#12 data");
            }
            try {
                setFriendlyName(leaf, blob.friendlyName(), blob.thumbprint());
                Pointer my = openMy();
                try {
                    if (!Crypt32Calls.INSTANCE.CertAddCertificateContextToStore(
                            my, leaf, Crypt32Calls.CERT_STORE_ADD_REPLACE_EXISTING, null)) {
                        throw lastError("add certificate to LocalMachine\\My", blob.thumbprint());
                    }
                } finally {
                    Crypt32Calls.INSTANCE.CertCloseStore(my, 0);
                }
            } finally {
                Crypt32Calls.INSTANCE.CertFreeCertificateContext(leaf);
            }
            addIntermediates(imported, blob.thumbprint());
        } finally {
            Crypt32Calls.INSTANCE.CertCloseStore(imported, 0);
        }
    }

    /** Adds every certificate of the imported store except the leaf to LocalMachine\CA (existing ones are kept). */
    private static void addIntermediates(Pointer imported, String leafThumbprint) {
        Pointer ca;
        try {
            ca = open("CA");
        } catch (IisException e) {
            return;
        }
        try {
            Pointer context = null;
            while ((context = Crypt32Calls.INSTANCE.CertEnumCertificatesInStore(imported, context)) != null) {
                if (!leafThumbprint.equals(sha1(context))) {
                    Crypt32Calls.INSTANCE.CertAddCertificateContextToStore(
                            ca, context, Crypt32Calls.CERT_STORE_ADD_USE_EXISTING, null);
                }
            }
        } finally {
            Crypt32Calls.INSTANCE.CertCloseStore(ca, 0);
        }
    }

    private static String sha1(Pointer context) {
        IntByReference size = new IntByReference(20);
        Memory hash = new Memory(20);
        if (!Crypt32Calls.INSTANCE.CertGetCertificateContextProperty(
                context, Crypt32Calls.CERT_SHA1_HASH_PROP_ID, hash, size)) {
            return "";
        }
        return java.util.HexFormat.of().withUpperCase().formatHex(hash.getByteArray(0, size.getValue()));
    }

    private static Pointer openMy() throws IisException {
        return open(STORE);
    }

    private static Pointer open(String name) throws IisException {
        Pointer store = Crypt32Calls.INSTANCE.CertOpenStore(
                new Pointer(Crypt32Calls.CERT_STORE_PROV_SYSTEM_W),
                0,
                null,
                Crypt32Calls.CERT_SYSTEM_STORE_LOCAL_MACHINE,
                new WString(name));
        if (store == null) {
            throw lastError("open certificate store", "LocalMachine\\" + name);
        }
        return store;
    }

    private static Pointer find(Pointer store, String thumbprint) {
        byte[] hash = Thumbprints.bytes(thumbprint);
        WinCrypt.DATA_BLOB blob = new WinCrypt.DATA_BLOB(hash);
        blob.write();
        return Crypt32Calls.INSTANCE.CertFindCertificateInStore(
                store, Crypt32Calls.ENCODING, 0, Crypt32Calls.CERT_FIND_SHA1_HASH, blob.getPointer(), null);
    }

    private static String friendlyName(Pointer context) {
        IntByReference size = new IntByReference();
        if (!Crypt32Calls.INSTANCE.CertGetCertificateContextProperty(
                        context, Crypt32Calls.CERT_FRIENDLY_NAME_PROP_ID, null, size)
                || size.getValue() <= 2) {
            return "";
        }
        Memory buffer = new Memory(size.getValue());
        if (!Crypt32Calls.INSTANCE.CertGetCertificateContextProperty(
                context, Crypt32Calls.CERT_FRIENDLY_NAME_PROP_ID, buffer, size)) {
            return "";
        }
        return buffer.getWideString(0);
    }

    private static void setFriendlyName(Pointer context, String name, String thumbprint) throws IisException {
        byte[] utf16 = (name + "\0").getBytes(StandardCharsets.UTF_16LE);
        WinCrypt.DATA_BLOB blob = new WinCrypt.DATA_BLOB(utf16);
        blob.write();
        if (!Crypt32Calls.INSTANCE.CertSetCertificateContextProperty(
                context, Crypt32Calls.CERT_FRIENDLY_NAME_PROP_ID, 0, blob.getPointer())) {
            throw lastError("set the friendly name of certificate", thumbprint);
        }
    }

    private static IisException lastError(String operation, String object) {
        int error = Native.getLastError();
        int hresult = error == 0 ? 0x80004005 : (error & 0x80000000) != 0 ? error : (0x80070000 | (error & 0xFFFF));
        String text;
        try {
            text = Kernel32Util.formatMessage(hresult);
        } catch (RuntimeException e) {
            text = "";
        }
        return new ComFailure(operation, object, hresult, text).toException(null);
    }
}
