package io.nomadiis.iis.windows;

import java.time.Duration;
import java.util.Locale;

/**
 * The text IIS uses for {@code timeSpan} attributes ({@code processModel.idleTimeout},
 * {@code recycling.periodicRestart.time}, ...): .NET's constant format {@code [d.]hh:mm:ss[.fffffff]}.
 */
public final class IisTimeSpan {
    private IisTimeSpan() {}

    /**
     * Formats a duration, for example 20 minutes as {@code 00:20:00} and 29 hours as {@code 1.05:00:00}.
     *
     * @throws IllegalArgumentException for a negative duration, which IIS does not accept
     */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("an IIS time span cannot be negative: " + duration);
        }
        long seconds = duration.getSeconds();
        long days = seconds / 86_400;
        String text =
                String.format(Locale.ROOT, "%02d:%02d:%02d", (seconds / 3600) % 24, (seconds / 60) % 60, seconds % 60);
        if (days > 0) {
            text = days + "." + text;
        }
        int ticks = duration.getNano() / 100;
        if (ticks > 0) {
            text += String.format(Locale.ROOT, ".%07d", ticks);
        }
        return text;
    }
}
