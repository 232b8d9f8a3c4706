package io.nomadiis.log;

/**
 * One key/value pair of a structured log entry, usable from every module (the plugin, the management API,
 * the portable service). Pass fields as parameters of
 * {@link System.Logger#log(System.Logger.Level, String, Object...)}; the plugin's hclog writer
 * ({@code io.nomadiis.driver.log.HclogSink}, installed as the JDK's logger finder in the plugin and in the
 * portable service it starts) emits each as a top-level JSON key next to {@code @message}, so operators
 * can filter Nomad's plugin log by allocation, task, pool, site, PID or path:
 *
 * <pre>{@code
 * LOG.log(Level.INFO, "task started", LogField.taskId(id), LogField.pool(pool));
 * }</pre>
 *
 * The named factories fix the key names (Nomad's own: {@code alloc_id}, {@code task_name},
 * {@code task_id}; then {@code pool}, {@code site}, {@code pid}, {@code path}, {@code error}). Other
 * loggers (when our finder is not installed) ignore parameters the message does not use. Never pass a
 * secret as a value.
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

    /** {@code alloc_id}: the Nomad allocation ID. */
    public static LogField allocId(String allocId) {
        return new LogField("alloc_id", allocId);
    }

    /** {@code task_name}: the task's name in its group. */
    public static LogField taskName(String taskName) {
        return new LogField("task_name", taskName);
    }

    /** {@code task_id}: Nomad's task ID ({@code <alloc>/<task>/<random>}). */
    public static LogField taskId(String taskId) {
        return new LogField("task_id", taskId);
    }

    /** {@code pool}: an IIS application pool name. */
    public static LogField pool(String pool) {
        return new LogField("pool", pool);
    }

    /** {@code site}: an IIS site name. */
    public static LogField site(String site) {
        return new LogField("site", site);
    }

    /** {@code pid}: an operating-system process ID, written as a JSON number. */
    public static LogField pid(long pid) {
        return new LogField("pid", pid);
    }

    /** {@code path}: a file or folder, written as text ({@code null} stays null). */
    public static LogField path(Object path) {
        return new LogField("path", path == null ? null : path.toString());
    }

    /**
     * {@code error}: why something failed, as a short text (a throwable passed as the logger's
     * {@code thrown} argument gets {@code error} and {@code stack_trace} instead).
     */
    public static LogField error(Object error) {
        return new LogField("error", error == null ? null : error.toString());
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
