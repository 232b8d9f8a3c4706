package io.nomadiis.iis.windows;

import io.nomadiis.iis.IisException;

/**
 * A failed AHADMIN or Win32 call, turned into the message the driver shows: the operation, the IIS
 * object, the Windows text, the hex HRESULT and what it means ({@link HResults}), for example
 * {@code failed to create app pool "nomad-1-web": Access is denied (HRESULT 0x80070005; access denied: run
 * the plugin as an administrator)}.
 *
 * @param operation what was being done, e.g. {@code create app pool}
 * @param object the IIS object's name, e.g. the pool or site name
 * @param hresult the HRESULT
 * @param text Windows' FormatMessage text (or the COM exception's description); may be empty
 * @param call the kind of call, which decides the meaning of some codes
 */
public record ComFailure(String operation, String object, int hresult, String text, HResults.Call call) {
    /** {@code ERROR_ACCESS_DENIED} as an HRESULT. */
    public static final int E_ACCESSDENIED = HResults.ACCESS_DENIED;
    /** {@code ERROR_SHARING_VIOLATION}. */
    public static final int SHARING_VIOLATION = HResults.SHARING_VIOLATION;
    /** {@code ERROR_ALREADY_EXISTS}: a duplicate collection element. */
    public static final int ALREADY_EXISTS = HResults.ALREADY_EXISTS;
    /** {@code ERROR_FILE_NOT_FOUND}. */
    public static final int FILE_NOT_FOUND = HResults.FILE_NOT_FOUND;
    /** {@code ERROR_PATH_NOT_FOUND}. */
    public static final int PATH_NOT_FOUND = HResults.PATH_NOT_FOUND;
    /** {@code ERROR_TIMEOUT}: also used when the COM thread does not answer in time. */
    public static final int TIMEOUT = HResults.TIMEOUT;

    public ComFailure {
        text = text == null ? "" : text.strip();
        call = call == null ? HResults.Call.OTHER : call;
    }

    public ComFailure(String operation, String object, int hresult, String text) {
        this(operation, object, hresult, text, HResults.Call.OTHER);
    }

    /** The failure of an AHADMIN call. */
    public static ComFailure of(String operation, String object, AppHostException failure, HResults.Call call) {
        return new ComFailure(operation, object, failure.hresult(), failure.description(), call);
    }

    /** The HRESULT as {@code 0x} and eight upper-case hex digits. */
    public static String hex(int hresult) {
        return HResults.hex(hresult);
    }

    /** The message: operation, object, text, hex code and, for well-known codes, what it means. */
    public String message() {
        StringBuilder message = new StringBuilder("failed to ").append(operation);
        if (object != null && !object.isEmpty()) {
            message.append(" \"").append(object).append('"');
        }
        message.append(": ")
                .append(text.isEmpty() ? "unknown error" : trimPeriod(text))
                .append(" (HRESULT ")
                .append(hex(hresult));
        String meaning = HResults.meaning(hresult, text, call);
        if (meaning != null) {
            message.append("; ").append(meaning);
        }
        return message.append(')').toString();
    }

    /** Whether trying again later may succeed (a busy config file, an object WAS has not loaded yet, a timeout). */
    public boolean retryable() {
        return HResults.transientFailure(hresult, text, call);
    }

    /** This failure as the exception the {@link io.nomadiis.iis.IisHost} contract throws. */
    public IisException toException(Throwable cause) {
        return new IisException(message(), retryable(), cause);
    }

    private static String trimPeriod(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
