package io.nomadiis.driver.task.stats;

/**
 * CPU and memory of one process or of all processes of a task.
 *
 * @param cpuPercent CPU use, 100 = one core busy
 * @param userPercent the user-mode part of {@code cpuPercent}
 * @param systemPercent the kernel-mode part of {@code cpuPercent}
 * @param totalTicks {@code cpuPercent / 100 × MHz of one core}, as Nomad's built-in drivers report it
 * @param ticksMeasured whether {@code totalTicks} is real (the CPU frequency is known)
 * @param rssBytes resident set size
 */
public record ResourceUsage(
        double cpuPercent,
        double userPercent,
        double systemPercent,
        double totalTicks,
        boolean ticksMeasured,
        long rssBytes) {

    /** Nothing runs. */
    public static ResourceUsage none(boolean ticksMeasured) {
        return new ResourceUsage(0, 0, 0, 0, ticksMeasured, 0);
    }

    /** The sum of both. */
    public ResourceUsage plus(ResourceUsage other) {
        return new ResourceUsage(
                cpuPercent + other.cpuPercent,
                userPercent + other.userPercent,
                systemPercent + other.systemPercent,
                totalTicks + other.totalTicks,
                ticksMeasured,
                rssBytes + other.rssBytes);
    }
}
