package io.nomadiis.driver.log;

import java.util.ResourceBundle;
import java.util.function.Supplier;

/** A {@link System.Logger} whose entries become hclog JSON lines, {@code @module} being the logger name. */
final class HclogLogger implements System.Logger {

    private final String name;
    private final HclogSink sink;

    HclogLogger(String name, HclogSink sink) {
        this.name = name;
        this.sink = sink;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return level != Level.OFF && sink.isEnabled(LogLevel.of(level));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (isLoggable(level)) {
            sink.write(LogLevel.of(level), name, localized(bundle, msg), thrown);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            sink.write(LogLevel.of(level), name, localized(bundle, format), null, params);
        }
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
        if (isLoggable(level)) {
            sink.write(LogLevel.of(level), name, msgSupplier.get(), null);
        }
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier, Throwable thrown) {
        if (isLoggable(level)) {
            sink.write(LogLevel.of(level), name, msgSupplier.get(), thrown);
        }
    }

    private static String localized(ResourceBundle bundle, String key) {
        if (bundle != null && key != null && bundle.containsKey(key)) {
            return bundle.getString(key);
        }
        return key;
    }
}
