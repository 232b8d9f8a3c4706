package io.nomadiis.driver.task.state;

import io.nomadiis.driver.task.DriverException;
import io.nomadiis.driver.task.plan.IisNames;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Reads the driver state of the C# "Nomad IIS" plugin: a MessagePack array, in this order:
 * 0 start date (timestamp), 1 pool alias to pool name map (version 1: a single pool name), 2 website name,
 * 3 whether the task owns the website, 4 application aliases (nil = root), 5 UDP logger port (unused),
 * 6 auto-start provider names (nullable). Certificates are not recorded there, so none is removed.
 */
final class CsharpDriverState {

    private static final byte TIMESTAMP_EXT = -1;

    private CsharpDriverState() {}

    static DriverState decode(byte[] bytes, String taskId, Path allocDir, String taskName) throws DriverException {
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(bytes)) {
            int size = in.unpackArrayHeader();
            Instant startedAt = Instant.now();
            Map<String, String> pools = new LinkedHashMap<>();
            String site = null;
            boolean owns = true;
            List<String> apps = new ArrayList<>();
            List<String> providers = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                switch (i) {
                    case 0 -> startedAt = timestamp(in);
                    case 1 -> pools = pools(in);
                    case 2 -> site = nullableString(in);
                    case 3 -> owns = in.getNextFormat() == MessageFormat.NIL ? nil(in, true) : in.unpackBoolean();
                    case 4 -> apps = applicationPaths(in);
                    case 6 -> providers = strings(in);
                    default -> in.skipValue();
                }
            }
            if (site == null || site.isEmpty() || pools.isEmpty()) {
                throw new IOException("website name or application pools missing");
            }
            Path taskDir = allocDir.resolve(taskName);
            return DriverState.builder()
                    .format(DriverState.FORMAT_CSHARP)
                    .taskId(taskId)
                    .allocDir(allocDir.toString())
                    .taskDir(taskDir.toString())
                    .websiteName(site)
                    .ownsWebsite(owns)
                    .appPools(pools)
                    .defaultPoolAlias(
                            pools.containsKey(IisNames.DEFAULT_POOL)
                                    ? IisNames.DEFAULT_POOL
                                    : pools.keySet().iterator().next())
                    .applicationPaths(apps)
                    .autoStartProviders(providers)
                    .startedAt(startedAt)
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new DriverException(
                    DriverException.Kind.FAILED,
                    "cannot recover task " + taskId
                            + ": driver state is neither this plugin's JSON nor the C# plugin's MessagePack: "
                            + e.getMessage(),
                    e);
        }
    }

    private static boolean nil(MessageUnpacker in, boolean value) throws IOException {
        in.unpackNil();
        return value;
    }

    private static Instant timestamp(MessageUnpacker in) throws IOException {
        MessageFormat format = in.getNextFormat();
        if (format.getValueType() == ValueType.EXTENSION) {
            ExtensionTypeHeader header = in.unpackExtensionTypeHeader();
            if (header.getType() == TIMESTAMP_EXT) {
                return in.unpackTimestamp(header);
            }
            in.readPayload(header.getLength());
            return Instant.now();
        }
        if (format.getValueType() == ValueType.STRING) {
            return Instant.parse(in.unpackString());
        }
        in.skipValue();
        return Instant.now();
    }

    private static Map<String, String> pools(MessageUnpacker in) throws IOException {
        Map<String, String> pools = new LinkedHashMap<>();
        MessageFormat format = in.getNextFormat();
        if (format.getValueType() == ValueType.STRING) {
            pools.put(IisNames.DEFAULT_POOL, in.unpackString());
        } else if (format.getValueType() == ValueType.MAP) {
            int n = in.unpackMapHeader();
            for (int i = 0; i < n; i++) {
                String alias = in.unpackString();
                String name = nullableString(in);
                if (name != null) {
                    pools.put(alias, name);
                }
            }
        } else {
            in.skipValue();
        }
        return pools;
    }

    private static List<String> applicationPaths(MessageUnpacker in) throws IOException {
        List<String> paths = new ArrayList<>();
        for (String alias : nullableStrings(in)) {
            paths.add(alias == null || alias.isEmpty() ? "/" : "/" + alias.replaceFirst("^/+", ""));
        }
        return paths;
    }

    private static List<String> strings(MessageUnpacker in) throws IOException {
        List<String> values = nullableStrings(in);
        values.removeIf(Objects::isNull);
        return values;
    }

    /** A nil or an array of strings and nils: nil reads as an empty list, nil elements stay null. */
    private static List<String> nullableStrings(MessageUnpacker in) throws IOException {
        List<String> values = new ArrayList<>();
        if (in.getNextFormat() == MessageFormat.NIL) {
            in.unpackNil();
            return values;
        }
        int n = in.unpackArrayHeader();
        for (int i = 0; i < n; i++) {
            values.add(nullableString(in));
        }
        return values;
    }

    private static String nullableString(MessageUnpacker in) throws IOException {
        if (in.getNextFormat() == MessageFormat.NIL) {
            in.unpackNil();
            return null;
        }
        return in.unpackString();
    }
}
