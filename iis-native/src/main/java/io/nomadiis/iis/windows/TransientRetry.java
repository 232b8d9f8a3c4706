package io.nomadiis.iis.windows;

import io.nomadiis.iis.IisException;
import java.time.Duration;

/**
 * Bounded retry with exponential backoff for IIS calls that fail transiently ({@link IisException#retryable()}:
 * an object WAS has not loaded yet, Start while Stopping, a busy applicationHost.config; windows-iis.md
 * section 1, after IISDeployer.cs's retry of {@code State}/{@code Start} for 10 s). The last failure is thrown
 * once the time is up. Sleeps on the calling thread, which holds no lock of the host's unless said otherwise.
 *
 * @param budget how long to keep trying
 * @param firstBackoff the first pause; doubled after each failure up to {@code maxBackoff}
 * @param maxBackoff the longest pause
 */
record TransientRetry(Duration budget, Duration firstBackoff, Duration maxBackoff) {
    /** One attempt. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws IisException;
    }

    /** Runs the attempt until it succeeds, fails permanently, or the budget is spent. */
    <T> T run(Attempt<T> attempt) throws IisException {
        long deadline = System.nanoTime() + budget.toNanos();
        long backoff = firstBackoff.toMillis();
        while (true) {
            try {
                return attempt.run();
            } catch (IisException e) {
                if (!e.retryable() || System.nanoTime() + backoff * 1_000_000L > deadline) {
                    throw e;
                }
            }
            pause(backoff);
            backoff = Math.min(maxBackoff.toMillis(), backoff * 2);
        }
    }

    static void pause(long millis) throws IisException {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IisException("interrupted while waiting for IIS", e);
        }
    }
}
