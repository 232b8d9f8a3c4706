package io.nomadiis.driver.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void parse_unitSyntax_givesDuration() {
        assertThat(DurationText.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(DurationText.parse("45m")).contains(Duration.ofMinutes(45));
        assertThat(DurationText.parse("0s")).contains(Duration.ZERO);
        assertThat(DurationText.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(DurationText.parse("5m 500ms"))
                .contains(Duration.ofMinutes(5).plusMillis(500));
        assertThat(DurationText.parse(" 2w 1d 1h 1m 1s 1ms "))
                .contains(Duration.ofDays(15)
                        .plusHours(1)
                        .plusMinutes(1)
                        .plusSeconds(1)
                        .plusMillis(1));
    }

    @Test
    void parse_clockSyntax_givesDuration() {
        assertThat(DurationText.parse("01:30:00")).contains(Duration.ofMinutes(90));
        assertThat(DurationText.parse("1.02:00:00")).contains(Duration.ofHours(26));
        assertThat(DurationText.parse("00:00:01.5")).contains(Duration.ofMillis(1500));
        assertThat(DurationText.parse("00:00:00.0000001")).contains(Duration.ofNanos(100));
    }

    @Test
    void parse_invalidText_isEmpty() {
        for (String text : new String[] {
            "",
            " ",
            "10",
            "1h30",
            "m",
            "30m1h",
            "10 minutes",
            "-5s",
            "24:00:00",
            "00:60:00",
            "1:2",
            "1.5h",
            "00:00:00.12345678"
        }) {
            assertThat(DurationText.parse(text)).as(text).isEmpty();
        }
        assertThat(DurationText.parse(null)).isEmpty();
    }

    @Test
    void format_durations_areCompact() {
        assertThat(DurationText.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(DurationText.format(Duration.ofDays(1).plusMillis(5))).isEqualTo("1d5ms");
    }
}
