package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceQueryTest {
    private static final String RUNNING = """

            SERVICE_NAME: w3svc
                    TYPE               : 30  WIN32
                    STATE              : 4  RUNNING
                                            (STOPPABLE, PAUSABLE, ACCEPTS_SHUTDOWN)
                    WIN32_EXIT_CODE    : 0  (0x0)
                    SERVICE_EXIT_CODE  : 0  (0x0)
                    CHECKPOINT         : 0x0
                    WAIT_HINT          : 0x0
            """.replace("\n", "\r\n");

    private static final String STOPPED = """
            SERVICE_NAME: w3svc
                    TYPE               : 30  WIN32
                    STATE              : 1  STOPPED
                    WIN32_EXIT_CODE    : 0  (0x0)
            """;

    private static final String GERMAN_START_PENDING = """
            SERVICE_NAME: w3svc
                    TYP                : 30  WIN32
                    STATUS             : 2  START_PENDING
                                            (NOT_STOPPABLE, NOT_PAUSABLE, IGNORES_SHUTDOWN)
                    WIN32_EXITCODE     : 0  (0x0)
            """;

    private static final String NOT_INSTALLED = """
            [SC] EnumQueryServicesStatus:OpenService FAILED 1060:

            The specified service does not exist as an installed service.
            """;

    @Test
    void parse_running_isRunning() {
        assertThat(ServiceQuery.parse(RUNNING)).isEqualTo(ServiceQuery.State.RUNNING);
    }

    @Test
    void parse_stopped_isStopped_evenThoughTypeLineComesFirst() {
        assertThat(ServiceQuery.parse(STOPPED)).isEqualTo(ServiceQuery.State.STOPPED);
    }

    @Test
    void parse_localisedLabels_stillReadsTheState() {
        assertThat(ServiceQuery.parse(GERMAN_START_PENDING)).isEqualTo(ServiceQuery.State.START_PENDING);
    }

    @Test
    void parse_serviceMissing_isNotInstalled() {
        assertThat(ServiceQuery.parse(NOT_INSTALLED)).isEqualTo(ServiceQuery.State.NOT_INSTALLED);
    }

    @Test
    void parse_emptyOrGarbage_isUnknown() {
        assertThat(ServiceQuery.parse("")).isEqualTo(ServiceQuery.State.UNKNOWN);
        assertThat(ServiceQuery.parse(null)).isEqualTo(ServiceQuery.State.UNKNOWN);
        assertThat(ServiceQuery.parse("[SC] OpenSCManager FAILED 5:\n\nAccess is denied."))
                .isEqualTo(ServiceQuery.State.UNKNOWN);
    }
}
