package io.nomadiis.iis.windows;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the output of {@code sc query <service>}. The labels ({@code STATE}) are localised by Windows,
 * the state number and its upper-case name are not, so the parser looks for {@code <n>  <NAME>}.
 */
public final class ServiceQuery {
    private static final Pattern STATE = Pattern.compile("(?m)^\\s*\\S[^:\\r\\n]*:\\s*([1-7])\\s+"
            + "(STOPPED|START_PENDING|STOP_PENDING|RUNNING|CONTINUE_PENDING|PAUSE_PENDING|PAUSED)\\b");
    private static final Pattern FAILURE = Pattern.compile("FAILED\\s+(\\d+)");

    /** A Windows service state as {@code sc} prints it, plus what the parser could not read. */
    public enum State {
        STOPPED,
        START_PENDING,
        STOP_PENDING,
        RUNNING,
        CONTINUE_PENDING,
        PAUSE_PENDING,
        PAUSED,
        /** {@code sc} said the service does not exist (error 1060). */
        NOT_INSTALLED,
        /** The output had no state line. */
        UNKNOWN
    }

    private ServiceQuery() {}

    /** The state that {@code sc query} printed. */
    public static State parse(String output) {
        if (output == null) {
            return State.UNKNOWN;
        }
        Matcher state = STATE.matcher(output);
        if (state.find()) {
            return State.valueOf(state.group(2).toUpperCase(Locale.ROOT));
        }
        Matcher failure = FAILURE.matcher(output);
        if (failure.find() && failure.group(1).equals("1060")) {
            return State.NOT_INSTALLED;
        }
        return State.UNKNOWN;
    }
}
