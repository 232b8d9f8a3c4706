package io.nomadiis.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a program from the host (Chromium, gdb's gcore, openssl, zip) ask for it here. On a
 * developer machine without the program the test is skipped; where {@code NOMAD_IIS_REQUIRE_TOOLS=1}
 * is set (as {@code .ci/run} does, after installing every tool) a missing program fails the test, so
 * a green CI run means every test ran. Called from test threads only. Shared with the other modules
 * through this module's test jar.
 */
public final class ExternalTools {

    /** The environment variable that turns a missing tool from a skip into a failure. */
    public static final String REQUIRE_VARIABLE = "NOMAD_IIS_REQUIRE_TOOLS";

    private ExternalTools() {}

    /** Whether a missing tool fails the test ({@code NOMAD_IIS_REQUIRE_TOOLS} is {@code 1} or {@code true}). */
    public static boolean required() {
        String value = System.getenv(REQUIRE_VARIABLE);
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }

    /**
     * Returns {@code tool} when it is an executable file; otherwise skips the calling test, or fails it
     * when tools are {@link #required()}.
     *
     * @param tool the program's path, e.g. {@code /usr/bin/chromium}
     * @param packageHint the Debian package that provides it, for the message
     */
    public static Path require(Path tool, String packageHint) {
        return require(tool, packageHint, required());
    }

    static Path require(Path tool, String packageHint, boolean required) {
        if (Files.isExecutable(tool)) {
            return tool;
        }
        String message = tool + " is not installed (Debian package " + packageHint + ")";
        if (required) {
            throw new AssertionError(message + "; " + REQUIRE_VARIABLE
                    + " is set, so a missing tool fails instead of skipping (.ci/run installs it)");
        }
        Assumptions.abort(message + "; skipped (set " + REQUIRE_VARIABLE + "=1 to make this a failure)");
        return tool;
    }
}
