package io.nomadiis.iis.windows;

import static java.util.Objects.requireNonNull;

import io.nomadiis.iis.IisException;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.PoolState;
import io.nomadiis.log.LogField;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Stops app pools within a deadline (Nomad's StopTask {@code timeout}): asks IIS to stop each pool, waits until
 * IIS reports it stopped with no worker process, and when the deadline passes first, kills the worker
 * processes still running. Without it a draining worker holds the stop for the pool's
 * {@code processModel.shutdownTimeLimit} (90 s by default, after which WAS itself terminates the w3wp), which can
 * exceed the job's {@code kill_timeout}.
 *
 * <p>COM-free: IIS is reached through {@link PoolCalls}, and which processes may be killed is decided by a
 * predicate (on Windows: only {@code w3wp.exe} processes, so a PID that was reused is never killed), so the
 * logic runs on Linux against real processes. Called on the host-call thread of a removal.
 */
final class PoolStopDeadline {
    private static final System.Logger LOG = System.getLogger(PoolStopDeadline.class.getName());

    /** The IIS calls the stop needs. */
    interface PoolCalls {
        /** The pool's runtime state and worker PIDs. */
        PoolRuntime runtime(String pool) throws IisException;

        /** Asks IIS to stop the pool, without waiting for it. */
        void requestStop(String pool) throws IisException;
    }

    private final PoolCalls calls;
    private final Predicate<ProcessHandle> isWorker;
    private final Duration poll;

    /**
     * @param calls IIS's pool state and stop request
     * @param isWorker whether a process is an IIS worker that may be killed
     * @param poll how often the pools' state is read while waiting
     */
    PoolStopDeadline(PoolCalls calls, Predicate<ProcessHandle> isWorker, Duration poll) {
        this.calls = requireNonNull(calls, "calls");
        this.isWorker = requireNonNull(isWorker, "isWorker");
        this.poll = requireNonNull(poll, "poll");
    }

    /** Whether the process is an IIS worker process ({@code w3wp.exe}); unknown executables are not. */
    static boolean isW3wp(ProcessHandle process) {
        return process.info()
                .command()
                .map(c -> Path.of(c).getFileName().toString().toLowerCase(Locale.ROOT))
                .map(name -> name.equals("w3wp.exe"))
                .orElse(false);
    }

    /**
     * Stops the pools, giving them {@code deadline} in total; returns the PIDs it had to kill. Pools that do not
     * exist are skipped; a failed stop request is logged and the pool's workers are still killed at the deadline.
     */
    List<Long> stop(Collection<String> pools, Duration deadline) {
        long end = System.nanoTime() + Math.max(0, deadline.toNanos());
        Map<String, Set<Long>> pending = new LinkedHashMap<>();
        for (String pool : pools) {
            PoolRuntime runtime = read(pool);
            if (runtime != null && runtime.presence() == PoolRuntime.Presence.ABSENT) {
                continue;
            }
            Set<Long> pids = new LinkedHashSet<>(runtime == null ? List.of() : runtime.workerPids());
            pending.put(pool, pids);
            try {
                calls.requestStop(pool);
            } catch (IisException e) {
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "requesting the app pool's stop failed",
                        LogField.pool(pool),
                        LogField.error(e.getMessage()));
            }
        }
        while (!pending.isEmpty()) {
            pending.entrySet().removeIf(entry -> stopped(entry.getKey(), entry.getValue()));
            long left = end - System.nanoTime();
            if (pending.isEmpty() || left <= 0) {
                break;
            }
            sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, poll.toMillis()));
        }
        List<Long> killed = new ArrayList<>();
        for (Map.Entry<String, Set<Long>> entry : pending.entrySet()) {
            for (long pid : entry.getValue()) {
                ProcessHandle.of(pid)
                        .filter(ProcessHandle::isAlive)
                        .filter(isWorker)
                        .ifPresent(process -> {
                            LOG.log(
                                    System.Logger.Level.INFO,
                                    "app pool did not stop within the deadline: killing its worker process",
                                    LogField.pool(entry.getKey()),
                                    LogField.pid(pid),
                                    LogField.of("deadline", String.valueOf(deadline)));
                            process.destroyForcibly();
                            killed.add(pid);
                            try {
                                process.onExit().get(5, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                LOG.log(
                                        System.Logger.Level.WARNING,
                                        "worker process did not exit when killed",
                                        LogField.pool(entry.getKey()),
                                        LogField.pid(pid));
                            }
                        });
            }
        }
        return killed;
    }

    /** Whether the pool is gone or stopped with no worker; remembers every worker PID it sees. */
    private boolean stopped(String pool, Set<Long> pids) {
        PoolRuntime runtime = read(pool);
        if (runtime == null) {
            return false;
        }
        pids.addAll(runtime.workerPids());
        boolean noneAlive = pids.stream()
                .noneMatch(
                        pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        return runtime.presence() == PoolRuntime.Presence.ABSENT
                || (runtime.state() == PoolState.STOPPED && !runtime.workerRunning() && noneAlive);
    }

    private PoolRuntime read(String pool) {
        try {
            return calls.runtime(pool);
        } catch (IisException | RuntimeException e) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "reading the app pool's runtime failed",
                    LogField.pool(pool),
                    LogField.error(e.getMessage()));
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
