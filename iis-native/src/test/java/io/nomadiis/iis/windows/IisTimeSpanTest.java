package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IisTimeSpanTest {
    @Test
    void format_underADay_isHoursMinutesSeconds() {
        assertThat(IisTimeSpan.format(Duration.ofMinutes(20))).isEqualTo("00:20:00");
        assertThat(IisTimeSpan.format(Duration.ofSeconds(90))).isEqualTo("00:01:30");
        assertThat(IisTimeSpan.format(Duration.ZERO)).isEqualTo("00:00:00");
        assertThat(IisTimeSpan.format(Duration.ofHours(23).plusMinutes(59).plusSeconds(59)))
                .isEqualTo("23:59:59");
    }

    @Test
    void format_daysAndFractions_useDotNetConstantFormat() {
        assertThat(IisTimeSpan.format(Duration.ofHours(29))).isEqualTo("1.05:00:00");
        assertThat(IisTimeSpan.format(Duration.ofDays(10).plusSeconds(1))).isEqualTo("10.00:00:01");
        assertThat(IisTimeSpan.format(Duration.ofMillis(1500))).isEqualTo("00:00:01.5000000");
    }

    @Test
    void format_negative_isRejected() {
        assertThatThrownBy(() -> IisTimeSpan.format(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }
}
