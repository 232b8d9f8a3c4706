package io.nomadiis.driver.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskSignalTest {

    @Test
    void parse_namesAnyCase_mapToActions() throws Exception {
        assertThat(TaskSignal.parse("start")).isEqualTo(TaskSignal.START);
        assertThat(TaskSignal.parse("Stop")).isEqualTo(TaskSignal.STOP);
        assertThat(TaskSignal.parse("RECYCLE")).isEqualTo(TaskSignal.RECYCLE);
        assertThat(TaskSignal.parse("sighup")).isEqualTo(TaskSignal.RECYCLE);
        assertThat(TaskSignal.parse("SIGINT")).isEqualTo(TaskSignal.TEARDOWN);
        assertThat(TaskSignal.parse("sigkill")).isEqualTo(TaskSignal.TEARDOWN);
    }

    @Test
    void parse_unknownSignal_invalidArgumentNamingAllowedOnes() {
        assertThatThrownBy(() -> TaskSignal.parse("SIGUSR1"))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("SIGUSR1")
                .hasMessageContaining("START, STOP, RECYCLE, SIGHUP, SIGINT, SIGKILL")
                .satisfies(
                        e -> assertThat(((DriverException) e).kind()).isEqualTo(DriverException.Kind.INVALID_ARGUMENT));
    }
}
