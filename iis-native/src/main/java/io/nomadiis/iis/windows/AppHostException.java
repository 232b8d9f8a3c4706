package io.nomadiis.iis.windows;

import java.util.Locale;

/**
 * A failed call on an AHADMIN object ({@link AppHostElement}, {@link AppHostCollection}, {@link AppHostAdmin}):
 * the HRESULT and the server's description. The JNA side turns every {@code COMException} into this; the
 * in-memory double throws it with the HRESULT real AHADMIN returns. Callers label it with {@link HResults}.
 */
public final class AppHostException extends RuntimeException {
    private final int hresult;
    private final String description;

    /**
     * @param hresult the HRESULT
     * @param description the server's text (or Windows' FormatMessage text); may be empty
     */
    public AppHostException(int hresult, String description) {
        this(hresult, description, null);
    }

    public AppHostException(int hresult, String description, Throwable cause) {
        super(String.format(Locale.ROOT, "0x%08X", hresult) + (description == null ? "" : " " + description), cause);
        this.hresult = hresult;
        this.description = description == null ? "" : description;
    }

    /** The HRESULT. */
    public int hresult() {
        return hresult;
    }

    /** The server's description; may be empty. */
    public String description() {
        return description;
    }
}
