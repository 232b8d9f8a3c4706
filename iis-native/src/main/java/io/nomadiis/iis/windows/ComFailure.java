package io.nomadiis.iis.windows;

import io.nomadiis.iis.IisException;
import java.util.Locale;

/**
 * A failed AHADMIN or Win32 call, turned into the message the driver shows: the operation, the IIS
 * object, the Windows text and the hex HRESULT, for example
 * {@code failed to create app pool "nomad-1-web": Access is denied. (HRESULT 0x80070005; run the plugin as an
 * administrator)}.
 *
 * @param operation what was being done, e.g. {@code create app pool}
 * @param object the IIS object's name, e.g. the pool or site name
 * @param hresult the HRESULT
 * @param text Windows' FormatMessage text (or the COM exception's description); may be empty
 */
public record ComFailure(String operation, String object, int hresult, String text) {
    /** {@code ERROR_ACCESS_DENIED} as an HRESULT. */
    public static final int E_ACCESSDENIED = 0x80070005;
    /** {@code ERROR_SHARING_VIOLATION}: what a site start reports when another process holds the port. */
    public static final int SHARING_VIOLATION = 0x80070020;
    /** {@code ERROR_ALREADY_EXISTS}: a duplicate collection element. */
    public static final int ALREADY_EXISTS = 0x800700B7;
    /** {@code ERROR_FILE_NOT_FOUND}. */
    public static final int FILE_NOT_FOUND = 0x80070002;
    /** {@code ERROR_PATH_NOT_FOUND}. */
    public static final int PATH_NOT_FOUND = 0x80070003;
    /** {@code RPC_E_TIMEOUT}-like HRESULT used when the COM thread does not answer in time. */
    public static final int TIMEOUT = 0x800705B4;

    public ComFailure {
        text = text == null ? "" : text.strip();
    }

    /** The HRESULT as {@code 0x} and eight upper-case hex digits. */
    public static String hex(int hresult) {
        return String.format(Locale.ROOT, "0x%08X", hresult);
    }

    /** The message: operation, object, text, hex code and, for well-known codes, what to do. */
    public String message() {
        StringBuilder message = new StringBuilder("failed to ").append(operation);
        if (object != null && !object.isEmpty()) {
            message.append(" \"").append(object).append('"');
        }
        message.append(": ")
                .append(text.isEmpty() ? "unknown error" : trimPeriod(text))
                .append(" (HRESULT ")
                .append(hex(hresult));
        String hint = hint(hresult);
        if (hint != null) {
            message.append("; ").append(hint);
        }
        return message.append(')').toString();
    }

    /** Whether trying again later may succeed (a busy configuration file, a timeout). */
    public boolean retryable() {
        return hresult == TIMEOUT || hresult == 0x80070021 /* lock violation */;
    }

    /** This failure as the exception the {@link io.nomadiis.iis.IisHost} contract throws. */
    public IisException toException(Throwable cause) {
        return new IisException(message(), retryable(), cause);
    }

    private static String hint(int hresult) {
        return switch (hresult) {
            case E_ACCESSDENIED -> "run the plugin as an administrator";
            case SHARING_VIOLATION -> "another process already uses the port";
            case ALREADY_EXISTS -> "the object already exists";
            case FILE_NOT_FOUND, PATH_NOT_FOUND -> "the object or file does not exist";
            default -> null;
        };
    }

    private static String trimPeriod(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
