package io.nomadiis.driver.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration grammar of the C# plugin: units {@code [Nw][Nd][Nh][Nm][Ns][Nms]} in that order, each
 * optional, whitespace allowed between them (e.g. {@code 1h30m}, {@code 45m}, {@code 1h 30m}, {@code 0s}),
 * or the .NET {@code c} format {@code [d.]hh:mm:ss[.fffffff]} (e.g. {@code 01:30:00}, {@code 1.00:00:00.5}).
 */
public final class DurationText {

    /** How a violation message describes the accepted syntax. */
    public static final String ALLOWED = "a duration like \"1h30m\", \"45m\", \"10s\", \"500ms\" or \"hh:mm:ss\"";

    private static final Pattern UNITS = Pattern.compile(
            "\\s*(?:(\\d+)w)?\\s*(?:(\\d+)d)?\\s*(?:(\\d+)h)?\\s*(?:(\\d+)m)?\\s*(?:(\\d+)s)?\\s*(?:(\\d+)ms)?\\s*");
    private static final Pattern CLOCK =
            Pattern.compile("\\s*(?:(\\d+)\\.)?(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,7}))?\\s*");

    private DurationText() {}

    /** The parsed duration, or empty when {@code text} follows neither syntax. */
    public static Optional<Duration> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            Matcher units = UNITS.matcher(text);
            if (units.matches()) {
                return Optional.of(Duration.ofDays(7 * group(units, 1) + group(units, 2))
                        .plusHours(group(units, 3))
                        .plusMinutes(group(units, 4))
                        .plusSeconds(group(units, 5))
                        .plusMillis(group(units, 6)));
            }
            Matcher clock = CLOCK.matcher(text);
            if (clock.matches()) {
                return parseClock(clock);
            }
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Duration> parseClock(Matcher clock) {
        long hours = group(clock, 2);
        long minutes = group(clock, 3);
        long seconds = group(clock, 4);
        if (hours > 23 || minutes > 59 || seconds > 59) {
            return Optional.empty();
        }
        String fraction = clock.group(5) == null ? "0" : clock.group(5);
        long nanos = Long.parseLong((fraction + "000000000").substring(0, 9));
        return Optional.of(Duration.ofDays(group(clock, 1))
                .plusHours(hours)
                .plusMinutes(minutes)
                .plusSeconds(seconds)
                .plusNanos(nanos));
    }

    private static long group(Matcher matcher, int index) {
        String value = matcher.group(index);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** Renders a duration compactly in the unit syntax, e.g. {@code 1h30m}, {@code 10s}, {@code 0s}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        append(out, duration.toDays(), "d");
        append(out, duration.toHoursPart(), "h");
        append(out, duration.toMinutesPart(), "m");
        append(out, duration.toSecondsPart(), "s");
        append(out, duration.toMillisPart(), "ms");
        return out.length() == 0 ? duration.toString() : out.toString();
    }

    private static void append(StringBuilder out, long value, String unit) {
        if (value > 0) {
            out.append(value).append(unit);
        }
    }
}
