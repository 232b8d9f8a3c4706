package io.nomadiis.iis.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinCrypt;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The crypt32 functions the certificate store needs, with their C signatures (handles and contexts as
 * plain pointers). Raw binding only; {@link MachineCertificateStore} holds the logic.
 */
interface Crypt32Calls extends StdCallLibrary {
    /** Loaded on first use (Windows only). */
    Crypt32Calls INSTANCE = Native.load("crypt32", Crypt32Calls.class, W32APIOptions.DEFAULT_OPTIONS);

    /** {@code CERT_STORE_PROV_SYSTEM_W}. */
    int CERT_STORE_PROV_SYSTEM_W = 10;
    /** {@code CERT_SYSTEM_STORE_LOCAL_MACHINE}. */
    int CERT_SYSTEM_STORE_LOCAL_MACHINE = 0x00020000;
    /** {@code X509_ASN_ENCODING | PKCS_7_ASN_ENCODING}. */
    int ENCODING = 0x00010001;
    /** {@code CERT_FIND_SHA1_HASH}. */
    int CERT_FIND_SHA1_HASH = 0x00010000;
    /** {@code CERT_FRIENDLY_NAME_PROP_ID}. */
    int CERT_FRIENDLY_NAME_PROP_ID = 11;
    /** {@code CERT_STORE_ADD_REPLACE_EXISTING}. */
    int CERT_STORE_ADD_REPLACE_EXISTING = 3;
    /** {@code CRYPT_MACHINE_KEYSET}: persist the imported private key for the machine (http.sys runs as SYSTEM). */
    int CRYPT_MACHINE_KEYSET = 0x00000020;

    /** {@code PKCS12_ALLOW_OVERWRITE_KEY}: a re-import of the same certificate may overwrite its persisted key. */
    int PKCS12_ALLOW_OVERWRITE_KEY = 0x00004000;

    /** {@code CERT_STORE_ADD_USE_EXISTING}. */
    int CERT_STORE_ADD_USE_EXISTING = 2;
    /** {@code CERT_SHA1_HASH_PROP_ID}. */
    int CERT_SHA1_HASH_PROP_ID = 3;

    Pointer CertEnumCertificatesInStore(Pointer store, Pointer previous);

    Pointer CertOpenStore(Pointer provider, int encoding, Pointer cryptProv, int flags, WString storeName);

    boolean CertCloseStore(Pointer store, int flags);

    Pointer PFXImportCertStore(WinCrypt.DATA_BLOB pfx, WString password, int flags);

    Pointer CertFindCertificateInStore(
            Pointer store, int encoding, int findFlags, int findType, Pointer findPara, Pointer previous);

    boolean CertAddCertificateContextToStore(Pointer store, Pointer context, int disposition, PointerByReference added);

    boolean CertSetCertificateContextProperty(Pointer context, int propertyId, int flags, Pointer data);

    boolean CertGetCertificateContextProperty(Pointer context, int propertyId, Pointer data, IntByReference size);

    /** Deletes the certificate and frees the context (even on failure). */
    boolean CertDeleteCertificateFromStore(Pointer context);

    boolean CertFreeCertificateContext(Pointer context);
}
