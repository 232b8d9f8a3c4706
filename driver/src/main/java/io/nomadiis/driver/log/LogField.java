package io.nomadiis.driver.log;

/**
 * One key/value pair of a structured log entry. Pass fields as parameters of
 * {@link System.Logger#log(System.Logger.Level, String, Object...)}; the hclog writer emits each
 * as a top-level JSON key next to {@code @message}:
 *
 * <pre>{@code
 * LOG.log(Level.INFO, "task started", LogField.of("task_id", id), LogField.of("pool", pool));
 * }</pre>
 *
 * Other loggers (when our finder is not installed) ignore parameters the message does not use.
 *
 * @param key the JSON key; must not start with {@code @}
 * @param value the value: strings, numbers and booleans keep their JSON type, anything else is
 *              written as its {@code toString()}
 */
public record LogField(String key, Object value) {

    /** A field named {@code key} with {@code value}. */
    public static LogField of(String key, Object value) {
        return new LogField(key, value);
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
