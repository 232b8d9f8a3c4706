package io.nomadiis.iis.windows;

import java.util.Locale;

/**
 * What the HRESULTs the Windows host meets mean, and whether waiting and trying again may help. Facts from
 * windows-iis.md section 1 (which cites IISDeployer.cs in dotnet/aspnetcore and public bug threads).
 *
 * <p>One code can mean different things by call: {@link #SHARING_VIOLATION} on {@code CommitChanges} is
 * another process holding applicationHost.config (transient), while on a site's {@code Start} it is http.sys
 * failing to listen because another process holds the port (permanent until that process goes; the
 * classic "being used by another process" of {@code Start-Website}).
 */
public final class HResults {
    /** {@code E_ACCESSDENIED}: not elevated. Permanent. */
    public static final int ACCESS_DENIED = 0x80070005;
    /** {@code ERROR_FILE_NOT_FOUND}. */
    public static final int FILE_NOT_FOUND = 0x80070002;
    /** {@code ERROR_PATH_NOT_FOUND}. */
    public static final int PATH_NOT_FOUND = 0x80070003;
    /** {@code ERROR_SHARING_VIOLATION}: see the class comment. */
    public static final int SHARING_VIOLATION = 0x80070020;
    /** {@code ERROR_LOCK_VIOLATION}: same family as the sharing violation on the config file. Transient. */
    public static final int LOCK_VIOLATION = 0x80070021;
    /** {@code E_INVALIDARG}: a value outside the schema (bad enum, range, granularity, empty required). Permanent. */
    public static final int INVALID_ARG = 0x80070057;
    /** {@code ERROR_ALREADY_EXISTS}: duplicate key in a collection, or an http.sys registration already there. */
    public static final int ALREADY_EXISTS = 0x800700B7;
    /** {@code ERROR_SERVICE_CANNOT_ACCEPT_CTRL}: Start/Stop while Starting/Stopping. Transient. */
    public static final int CANNOT_ACCEPT_CONTROL = 0x80070425;
    /** {@code ERROR_SERVICE_NOT_ACTIVE}: W3SVC/WAS not running. Transient (the service may be coming up). */
    public static final int SERVICE_NOT_ACTIVE = 0x80070426;
    /** {@code ERROR_TIMEOUT}: an RSCA call (or our COM thread) timed out. Transient. */
    public static final int TIMEOUT = 0x800705B4;
    /** {@code ERROR_OBJECT_NOT_FOUND}: WAS has not loaded the object yet (just committed, W3SVC restarting). */
    public static final int OBJECT_NOT_FOUND = 0x800710D8;
    /** {@code ERROR_NOT_SUPPORTED} as AHADMIN reports an unknown attribute, element or method. */
    public static final int UNKNOWN_NAME = 0x80070490;
    /** {@code E_FAIL}. */
    public static final int E_FAIL = 0x80004005;
    /**
     * Text AHADMIN's {@code CommitChanges} gives when another writer committed applicationHost.config between
     * our read and our commit (windows-iis.md section 1; certify #154). Re-read, re-plan, re-commit.
     */
    public static final String FILE_CHANGED = "file has changed on disk";

    /** The call an HRESULT came from, where that changes its meaning. */
    public enum Call {
        /** {@code CommitChanges}. */
        COMMIT,
        /** A site's {@code Start}. */
        SITE_START,
        /** Reading RSCA runtime attributes or running RSCA methods on pools. */
        RUNTIME,
        /** Anything else. */
        OTHER
    }

    private HResults() {}

    /** The HRESULT as {@code 0x} and eight upper-case hex digits. */
    public static String hex(int hresult) {
        return String.format(Locale.ROOT, "0x%08X", hresult);
    }

    /** Whether waiting and repeating the same call may succeed. */
    public static boolean transientFailure(int hresult, String text, Call call) {
        return switch (hresult) {
            case OBJECT_NOT_FOUND, CANNOT_ACCEPT_CONTROL, TIMEOUT, LOCK_VIOLATION, SERVICE_NOT_ACTIVE -> true;
            case SHARING_VIOLATION -> call != Call.SITE_START;
            default ->
                call == Call.COMMIT
                        && text != null
                        && text.toLowerCase(Locale.ROOT).contains(FILE_CHANGED);
        };
    }

    /** What the failure means in words, or null when the code has no specific meaning here. */
    public static String meaning(int hresult, String text, Call call) {
        return switch (hresult) {
            case ACCESS_DENIED -> "access denied: run the plugin as an administrator";
            case SHARING_VIOLATION ->
                call == Call.SITE_START
                        ? "a port of the site's bindings is in use by another process"
                        : "applicationHost.config is held by another process (IIS Manager, appcmd, antivirus); retry";
            case LOCK_VIOLATION -> "applicationHost.config is locked by another process; retry";
            case INVALID_ARG -> "IIS refuses the value";
            case ALREADY_EXISTS -> "the object already exists";
            case CANNOT_ACCEPT_CONTROL -> "IIS is still starting or stopping the object; retry";
            case SERVICE_NOT_ACTIVE -> "W3SVC/WAS is not running";
            case TIMEOUT -> "IIS did not answer in time";
            case OBJECT_NOT_FOUND -> "IIS (WAS) has not loaded the object yet, or W3SVC is restarting";
            case FILE_NOT_FOUND, PATH_NOT_FOUND -> "the object or file does not exist";
            case UNKNOWN_NAME -> "IIS does not know that element, attribute or method";
            default ->
                call == Call.COMMIT
                                && text != null
                                && text.toLowerCase(Locale.ROOT).contains(FILE_CHANGED)
                        ? "another writer changed applicationHost.config; re-planning"
                        : null;
        };
    }
}
