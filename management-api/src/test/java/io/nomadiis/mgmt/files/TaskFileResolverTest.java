package io.nomadiis.mgmt.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.mgmt.http.ApiException;
import org.junit.jupiter.api.Test;

/**
 * Windows' path rules of the caller-path check, on any OS: a name ending in a dot or a space is
 * refused (Win32 path calls strip them, so {@code secrets./token} would read {@code secrets\token}
 * past the secrets check), colons are refused (alternate data streams); elsewhere such names are
 * ordinary.
 */
class TaskFileResolverTest {
    private static int status(String path, boolean windows) {
        try {
            TaskFileResolver.segments(path, windows);
            return 200;
        } catch (ApiException e) {
            return e.status();
        }
    }

    @Test
    void windows_trailingDotOrSpace_400_colon_403() {
        assertThat(status("secrets./token", true)).isEqualTo(400);
        assertThat(status("Secrets /token", true)).isEqualTo(400);
        assertThat(status("local/index.html.", true)).isEqualTo(400);
        assertThat(status("local/file.txt:stream", true)).isEqualTo(403);
        assertThat(TaskFileResolver.segments("local/./a.txt", true)).containsExactly("local", "a.txt");
        assertThat(TaskFileResolver.segments("local\\.hidden", true)).containsExactly("local", ".hidden");
    }

    @Test
    void elsewhere_trailingDotsAndColonsAreOrdinaryNames() {
        assertThat(TaskFileResolver.segments("secrets./a:b", false)).containsExactly("secrets.", "a:b");
        assertThat(TaskFileResolver.isSecrets("secrets.")).isFalse();
    }

    @Test
    void everywhere_dotDotAndRootedPaths_403() {
        assertThatThrownBy(() -> TaskFileResolver.segments("local/../../x", false))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(403));
        assertThat(status("/etc/passwd", true)).isEqualTo(403);
        assertThat(status("C:/Windows", true)).isEqualTo(403);
    }
}
