package io.nomadiis.driver.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which loopback ports the gRPC listener may try, in order: the {@code --port=N} argument when given
 * (0 = any free port), else every port of the host's {@code PLUGIN_MIN_PORT..PLUGIN_MAX_PORT} range
 * starting at a random offset (so parallel launches rarely collide), else any free port.
 *
 * @param fixedPort the {@code --port} value, or -1 when not given
 * @param minPort lowest port of the host's range, or 0
 * @param maxPort highest port of the host's range, or 0
 */
public record ListenPorts(int fixedPort, int minPort, int maxPort) {

    /** At most this many ports of the range are tried before giving up. */
    static final int MAX_ATTEMPTS = 500;

    /** Ports from the go-plugin environment, overridden by a {@code --port} value (or -1 for none). */
    public static ListenPorts of(Integer portArgument, GoPluginEnvironment env) {
        int fixed = portArgument == null ? -1 : portArgument;
        return env.hasPortRange() ? new ListenPorts(fixed, env.minPort(), env.maxPort()) : new ListenPorts(fixed, 0, 0);
    }

    /** The ports to try, in order; {@code [0]} means an ephemeral port. */
    public List<Integer> candidates() {
        if (fixedPort >= 0) {
            return List.of(fixedPort);
        }
        if (minPort <= 0 || maxPort < minPort) {
            return List.of(0);
        }
        int size = maxPort - minPort + 1;
        int start = ThreadLocalRandom.current().nextInt(size);
        int count = Math.min(size, MAX_ATTEMPTS);
        List<Integer> ports = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ports.add(minPort + (start + i) % size);
        }
        return ports;
    }
}
