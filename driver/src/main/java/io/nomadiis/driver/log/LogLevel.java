package io.nomadiis.driver.log;

import java.lang.System.Logger.Level;
import java.util.Locale;

/** The five hclog levels, in order of severity, as Nomad's plugin log reader understands them. */
public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR;

    /** The name hclog expects in {@code @level}. */
    public String hclogName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The hclog level a JDK platform-logging level maps to; {@code ALL} and {@code OFF} map to trace and error. */
    public static LogLevel of(Level level) {
        return switch (level) {
            case ALL, TRACE -> TRACE;
            case DEBUG -> DEBUG;
            case INFO -> INFO;
            case WARNING -> WARN;
            case ERROR, OFF -> ERROR;
        };
    }

    /** The hclog level a java.util.logging level value maps to. */
    public static LogLevel ofJul(int julLevel) {
        if (julLevel >= 1000) {
            return ERROR;
        } else if (julLevel >= 900) {
            return WARN;
        } else if (julLevel >= 800) {
            return INFO;
        } else if (julLevel >= 500) {
            return DEBUG;
        }
        return TRACE;
    }

    /**
     * Parses a level name as an operator writes it: hclog names, case-insensitive, plus {@code warning}.
     *
     * @throws IllegalArgumentException naming the value and the allowed names
     */
    public static LogLevel parse(String text) {
        String name = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (name.equals("WARNING")) {
            return WARN;
        }
        for (LogLevel level : values()) {
            if (level.name().equals(name)) {
                return level;
            }
        }
        throw new IllegalArgumentException(
                "invalid log level \"" + text + "\": expected one of trace, debug, info, warn, error");
    }
}
