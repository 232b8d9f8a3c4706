package io.nomadiis.iis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The catalogue of application pool attributes a task may set: each entry names the attribute of the
 * {@code system.applicationHost/applicationPools/add} element it is written to (a dotted path through child
 * elements, as in {@code processModel.idleTimeout}), its IIS type and the validation IIS's schema applies to it
 * (IIS 10 {@code IIS_schema.xml}, as extracted in {@code iis-schema-facts.json}: {@code integerRange} and
 * {@code timeSpanRange} validation parameters, enum value names). Entries are typed keys into {@link PoolSettings}.
 *
 * <p>This is the one place a pool attribute is declared on the host side: the Windows host writes every entry
 * generically, the portable host reads the entries it models, and the driver's job surface refers to an entry
 * for its IIS facts. Adding an attribute adds a constant here; nothing in this package knows about Nomad.
 *
 * @param <T> the Java type of a value: {@link Boolean}, {@link Long} (IIS {@code uint}), {@link Duration} (IIS
 *     {@code timeSpan}), {@link String}, or an {@link IisEnumValue} enum
 */
public final class PoolAttribute<T> {

    /** The IIS schema type of an attribute. */
    public enum Kind {
        /** {@code bool}. */
        BOOL,
        /** {@code uint}, a whole number. */
        UINT,
        /** {@code timeSpan}, stored by IIS in whole seconds or coarser. */
        TIME_SPAN,
        /** {@code enum}: one of the value names of an {@link IisEnumValue} enum. */
        ENUM,
        /** {@code string}. */
        STRING
    }

    private static final List<PoolAttribute<?>> ALL = new ArrayList<>();

    /** {@code managedPipelineMode} (enum Integrated, Classic). */
    public static final PoolAttribute<PipelineMode> MANAGED_PIPELINE_MODE =
            choice("managedPipelineMode", PipelineMode.class);
    /** {@code managedRuntimeVersion} (string; {@code ""} is "no managed code"). */
    public static final PoolAttribute<String> MANAGED_RUNTIME_VERSION = string("managedRuntimeVersion");
    /** {@code enable32BitAppOnWin64} (bool). */
    public static final PoolAttribute<Boolean> ENABLE_32BIT_APP_ON_WIN64 = bool("enable32BitAppOnWin64");
    /** {@code startMode} (enum OnDemand, AlwaysRunning). */
    public static final PoolAttribute<StartMode> START_MODE = choice("startMode", StartMode.class);
    /** {@code processModel.idleTimeout}: timeSpanRange {@code 0,2592000,60} (0 to 30 days, whole minutes). */
    public static final PoolAttribute<Duration> IDLE_TIMEOUT = timeSpan("processModel.idleTimeout", 0, 2_592_000, 60);
    /** {@code recycling.disallowOverlappingRotation} (bool). */
    public static final PoolAttribute<Boolean> DISALLOW_OVERLAPPING_ROTATION =
            bool("recycling.disallowOverlappingRotation");
    /** {@code recycling.periodicRestart.time}: timeSpanRange {@code 0,25920000,60} (0 to 300 days, whole minutes). */
    public static final PoolAttribute<Duration> PERIODIC_RESTART_TIME =
            timeSpan("recycling.periodicRestart.time", 0, 25_920_000, 60);
    /** {@code failure.loadBalancerCapabilities} (enum HttpLevel, TcpLevel). */
    public static final PoolAttribute<ServiceUnavailableResponse> LOAD_BALANCER_CAPABILITIES =
            choice("failure.loadBalancerCapabilities", ServiceUnavailableResponse.class);
    /** {@code queueLength}: uint, integerRange {@code 10,65535}. */
    public static final PoolAttribute<Long> QUEUE_LENGTH = uint("queueLength", 10, 65_535);
    /** {@code processModel.startupTimeLimit}: timeSpanRange {@code 1,4294967,1} (whole seconds). */
    public static final PoolAttribute<Duration> STARTUP_TIME_LIMIT =
            timeSpan("processModel.startupTimeLimit", 1, 4_294_967, 1);
    /** {@code processModel.shutdownTimeLimit}: timeSpanRange {@code 1,4294967,1} (whole seconds). */
    public static final PoolAttribute<Duration> SHUTDOWN_TIME_LIMIT =
            timeSpan("processModel.shutdownTimeLimit", 1, 4_294_967, 1);

    private final String iisPath;
    private final Kind kind;
    private final Class<T> type;
    private final long min;
    private final long max;
    private final long granularity;

    private PoolAttribute(String iisPath, Kind kind, Class<T> type, long min, long max, long granularity) {
        this.iisPath = Objects.requireNonNull(iisPath);
        this.kind = Objects.requireNonNull(kind);
        this.type = Objects.requireNonNull(type);
        this.min = min;
        this.max = max;
        this.granularity = granularity;
    }

    private static <T> PoolAttribute<T> add(PoolAttribute<T> attribute) {
        if (byPath(attribute.iisPath).isPresent()) {
            throw new IllegalStateException("pool attribute declared twice: " + attribute.iisPath);
        }
        ALL.add(attribute);
        return attribute;
    }

    private static PoolAttribute<Boolean> bool(String iisPath) {
        return add(new PoolAttribute<>(iisPath, Kind.BOOL, Boolean.class, 0, 0, 0));
    }

    private static PoolAttribute<String> string(String iisPath) {
        return add(new PoolAttribute<>(iisPath, Kind.STRING, String.class, 0, 0, 0));
    }

    private static PoolAttribute<Long> uint(String iisPath, long min, long max) {
        return add(new PoolAttribute<>(iisPath, Kind.UINT, Long.class, min, max, 1));
    }

    private static PoolAttribute<Duration> timeSpan(String iisPath, long minSeconds, long maxSeconds, long step) {
        return add(new PoolAttribute<>(iisPath, Kind.TIME_SPAN, Duration.class, minSeconds, maxSeconds, step));
    }

    private static <E extends Enum<E> & IisEnumValue> PoolAttribute<E> choice(String iisPath, Class<E> type) {
        return add(new PoolAttribute<>(iisPath, Kind.ENUM, type, 0, 0, 0));
    }

    /** Every entry, in declaration order. */
    public static List<PoolAttribute<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The entry written to {@code iisPath}, if any. */
    public static Optional<PoolAttribute<?>> byPath(String iisPath) {
        return ALL.stream().filter(a -> a.iisPath.equals(iisPath)).findFirst();
    }

    /** The dotted path below the pool's {@code add} element, e.g. {@code recycling.periodicRestart.time}. */
    public String iisPath() {
        return iisPath;
    }

    /** The IIS schema type. */
    public Kind kind() {
        return kind;
    }

    /** The Java type of a value. */
    public Class<T> type() {
        return type;
    }

    /** The smallest allowed value ({@link Kind#UINT}) or number of seconds ({@link Kind#TIME_SPAN}). */
    public long min() {
        return min;
    }

    /** The largest allowed value ({@link Kind#UINT}) or number of seconds ({@link Kind#TIME_SPAN}). */
    public long max() {
        return max;
    }

    /** For {@link Kind#TIME_SPAN}: IIS keeps a value only in multiples of this many seconds (1 or 60). */
    public long granularitySeconds() {
        return granularity;
    }

    /** For {@link Kind#ENUM}: the allowed values, in the order job messages list them. */
    public List<T> choices() {
        return kind == Kind.ENUM ? List.of(type.getEnumConstants()) : List.of();
    }

    /**
     * Whether IIS would accept {@code value} for this attribute (its schema's range and granularity); IIS refuses
     * anything else with {@code ERROR_INVALID_DATA} when the value is set.
     */
    public boolean accepts(T value) {
        Objects.requireNonNull(value);
        if (kind == Kind.UINT) {
            long number = (Long) value;
            return number >= min && number <= max;
        }
        if (kind == Kind.TIME_SPAN) {
            Duration span = (Duration) value;
            return !span.isNegative()
                    && span.getNano() == 0
                    && span.getSeconds() % granularity == 0
                    && span.getSeconds() >= min
                    && span.getSeconds() <= max;
        }
        return true;
    }

    /** {@code value} (null stays null) as this attribute's type, else a {@link ClassCastException} naming it. */
    public T cast(Object value) {
        if (value != null && !type.isInstance(value)) {
            throw new ClassCastException("pool attribute " + iisPath + " takes a " + type.getSimpleName() + ", not "
                    + value.getClass().getSimpleName());
        }
        return type.cast(value);
    }

    @Override
    public String toString() {
        return iisPath;
    }
}
