package io.nomadiis.iis.portable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the portable host keeps its files under the plugin's state dir: {@code <stateDir>/iis-portable/}
 * holds {@code config.json} (the applicationHost.config analogue), {@code service.json} (PID, control
 * port and token of the running service), {@code service.lock}, {@code pools/<pool>/} (worker spec,
 * ready and PID files), {@code certs/} (the certificate store) and {@code logs/} (diagnostics).
 */
public final class StateLayout {
    private final Path root;

    public StateLayout(Path stateDir) {
        this.root = stateDir.toAbsolutePath().normalize().resolve("iis-portable");
    }

    /** {@code <stateDir>/iis-portable}. */
    public Path root() {
        return root;
    }

    public Path configFile() {
        return root.resolve("config.json");
    }

    public Path serviceInfoFile() {
        return root.resolve("service.json");
    }

    public Path lockFile() {
        return root.resolve("service.lock");
    }

    public Path logsDir() {
        return root.resolve("logs");
    }

    public Path serviceLog() {
        return logsDir().resolve("service.log");
    }

    public Path poolsDir() {
        return root.resolve("pools");
    }

    /** The directory of one pool's worker files. */
    public Path poolDir(String poolName) {
        return poolsDir().resolve(key(poolName));
    }

    /** The log file of one pool's worker JVMs (their own diagnostics, not the task's output). */
    public Path poolLog(String poolName) {
        return logsDir().resolve("pool-" + key(poolName) + ".log");
    }

    public Path certsDir() {
        return root.resolve("certs");
    }

    /** A file-name-safe key for an object name: the name itself when safe, else a sanitised name plus a hash. */
    public static String key(String name) {
        if (name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            return name;
        }
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > 60) {
            safe = safe.substring(0, 60);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return "_" + safe + "-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
