package io.nomadiis.mgmt.http;

/**
 * What one connection, and all connections together, may hold before the caller is known. These
 * bounds keep a flood of unauthenticated connections from costing the process more than a fixed
 * amount of memory and threads.
 *
 * @param maxConnections open connections accepted in total; beyond this, new ones are closed at once
 * @param maxConnectionsPerClient open connections from one remote address that have not yet made
 *     an authenticated request; beyond this, the first request on a new connection is answered
 *     503 with {@code Retry-After} and the connection closed
 * @param firstRequestMillis a connection must deliver the head of its first request within this time
 *     of being accepted, else it is closed (a client trickling its request line byte by byte)
 * @param maxInitialLineBytes longest request line
 * @param maxHeaderBytes largest header block
 * @param maxPipelined requests a client may send ahead while one is being served; the one past
 *     the limit is answered 503 after every earlier answer, and the connection is closed
 */
public record ConnectionPolicy(
        int maxConnections,
        int maxConnectionsPerClient,
        long firstRequestMillis,
        int maxInitialLineBytes,
        int maxHeaderBytes,
        int maxPipelined) {

    public ConnectionPolicy {
        if (maxConnections <= 0
                || maxConnectionsPerClient <= 0
                || firstRequestMillis <= 0
                || maxInitialLineBytes <= 0
                || maxHeaderBytes <= 0
                || maxPipelined <= 0) {
            throw new IllegalArgumentException("connection policy values must be positive");
        }
    }

    /**
     * 2048 connections, 512 per client, 10 s to the first request head, 8 KiB request line,
     * 16 KiB headers, 16 pipelined requests. Worst case held by unauthenticated connections:
     * 2048 x 24 KiB = 48 MiB of heap (never direct memory).
     */
    public static ConnectionPolicy defaults() {
        return new ConnectionPolicy(2048, 512, 10_000, 8 * 1024, 16 * 1024, 16);
    }

    /** This policy with another first-request deadline. */
    public ConnectionPolicy withFirstRequestMillis(long millis) {
        return new ConnectionPolicy(
                maxConnections, maxConnectionsPerClient, millis, maxInitialLineBytes, maxHeaderBytes, maxPipelined);
    }

    /** This policy with other connection caps. */
    public ConnectionPolicy withConnectionCaps(int total, int perClient) {
        return new ConnectionPolicy(
                total, perClient, firstRequestMillis, maxInitialLineBytes, maxHeaderBytes, maxPipelined);
    }
}
