package io.nomadiis.driver.task;

/**
 * A port Nomad allocated to the task.
 *
 * @param label the port label from the group's {@code network} block
 * @param value the host port
 * @param to the mapped port (unused by IIS), or 0
 * @param hostIp the host IP the port was reserved on, or empty
 */
public record TaskPort(String label, int value, int to, String hostIp) {}
