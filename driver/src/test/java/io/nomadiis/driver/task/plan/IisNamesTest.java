package io.nomadiis.driver.task.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.driver.task.DriverException;
import org.junit.jupiter.api.Test;

class IisNamesTest {
    private static final String ALLOC = "0f3c2a1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b";

    @Test
    void siteName_plainTask_prefixAllocAndTask() throws Exception {
        assertThat(IisNames.siteName(ALLOC, "web")).isEqualTo("nomad-" + ALLOC + "-web");
    }

    @Test
    void poolName_defaultAlias_equalsSiteName() throws Exception {
        assertThat(IisNames.poolName(ALLOC, "web", "default")).isEqualTo(IisNames.siteName(ALLOC, "web"));
        assertThat(IisNames.poolName(ALLOC, "web", "api")).isEqualTo("nomad-" + ALLOC + "-web-api");
    }

    @Test
    void sanitize_forbiddenCharactersAndSpaces_becomeUnderscores() {
        assertThat(IisNames.sanitize("nomad-a-my task/x:y|z\t")).isEqualTo("nomad-a-my_task_x_y_z_");
    }

    @Test
    void siteName_tooLong_errorSaysHowMuchToShorten() {
        String task = "a".repeat(30);
        int length = ("nomad-" + ALLOC + "-" + task).length();
        assertThatThrownBy(() -> IisNames.siteName(ALLOC, task))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("shorten your task name by " + (length - 64) + " characters")
                .satisfies(
                        e -> assertThat(((DriverException) e).kind()).isEqualTo(DriverException.Kind.INVALID_ARGUMENT));
    }

    @Test
    void poolName_exactly64Characters_accepted() throws Exception {
        String task = "b".repeat(64 - ("nomad-" + ALLOC + "-").length());
        assertThat(IisNames.poolName(ALLOC, task, "default")).hasSize(64);
        assertThatThrownBy(() -> IisNames.poolName(ALLOC, task, "x")).hasMessageContaining("by 2 characters");
    }
}
