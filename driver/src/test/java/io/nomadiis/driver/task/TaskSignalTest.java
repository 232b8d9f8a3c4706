package io.nomadiis.driver.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskSignalTest {

    @Test
    void find_namesAnyCase_mapToActions() {
        assertThat(TaskSignal.find("start")).contains(TaskSignal.START);
        assertThat(TaskSignal.find("Stop")).contains(TaskSignal.STOP);
        assertThat(TaskSignal.find("RECYCLE")).contains(TaskSignal.RECYCLE);
        assertThat(TaskSignal.find("sighup")).contains(TaskSignal.RECYCLE);
        assertThat(TaskSignal.find("SIGINT")).contains(TaskSignal.TEARDOWN);
        assertThat(TaskSignal.find("sigkill")).contains(TaskSignal.TEARDOWN);
    }

    @Test
    void find_signalWithoutAction_empty() {
        assertThat(TaskSignal.find("SIGUSR1")).isEmpty();
        assertThat(TaskSignal.find("SIGTERM")).isEmpty();
        assertThat(TaskSignal.find("")).isEmpty();
        assertThat(TaskSignal.find(null)).isEmpty();
        assertThat(TaskSignal.allowed()).containsExactly("START", "STOP", "RECYCLE", "SIGHUP", "SIGINT", "SIGKILL");
    }
}
