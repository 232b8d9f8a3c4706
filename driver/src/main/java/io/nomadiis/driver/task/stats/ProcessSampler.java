package io.nomadiis.driver.task.stats;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Measures processes with OSHI. CPU percentages are computed between two samples of the same sampler
 * (one sampler per stats stream); the first sample of a process reports its average since it started.
 *
 * <p>Threads: one sampler per stats stream, called only from that stream's ticks on the driver's
 * {@code iis-task-driver-*} scheduler (one tick at a time); the process-wide OSHI handles are created once
 * under the class monitor.
 */
public final class ProcessSampler {

    private static volatile OperatingSystem os;
    private static volatile double coreMhz = -2;

    private final Map<Long, CpuTimes> previous = new HashMap<>();

    /** Samples the processes; processes that are gone are left out. */
    public TaskStatsSample sample(String taskId, List<Long> pids) {
        OperatingSystem system = os();
        double mhz = coreMhz();
        Map<Long, ResourceUsage> byPid = new HashMap<>();
        ResourceUsage total = ResourceUsage.none(mhz > 0);
        long now = System.nanoTime();
        Map<Long, CpuTimes> seen = new HashMap<>();
        for (long pid : pids) {
            OSProcess p = system.getProcess((int) pid);
            if (p == null) {
                continue;
            }
            CpuTimes times = new CpuTimes(p.getUserTime(), p.getKernelTime(), now, p.getUpTime());
            CpuTimes before = previous.get(pid);
            double elapsedMs = before == null ? Math.max(1, times.upTimeMs) : Math.max(1, (now - before.nanos) / 1e6);
            double user = (times.userMs - (before == null ? 0 : before.userMs)) * 100.0 / elapsedMs;
            double system1 = (times.kernelMs - (before == null ? 0 : before.kernelMs)) * 100.0 / elapsedMs;
            user = Math.max(0, user);
            system1 = Math.max(0, system1);
            double percent = user + system1;
            ResourceUsage usage = new ResourceUsage(
                    percent, user, system1, mhz > 0 ? percent / 100 * mhz : 0, mhz > 0, p.getResidentSetSize());
            byPid.put(pid, usage);
            total = total.plus(usage);
            seen.put(pid, times);
        }
        previous.clear();
        previous.putAll(seen);
        return new TaskStatsSample(taskId, Instant.now(), total, byPid);
    }

    private static OperatingSystem os() {
        if (os == null) {
            synchronized (ProcessSampler.class) {
                if (os == null) {
                    os = new SystemInfo().getOperatingSystem();
                }
            }
        }
        return os;
    }

    /** The nominal frequency of one core in MHz, or -1 when unknown. */
    static double coreMhz() {
        if (coreMhz == -2) {
            synchronized (ProcessSampler.class) {
                if (coreMhz == -2) {
                    double mhz = -1;
                    try {
                        long hz = new SystemInfo()
                                .getHardware()
                                .getProcessor()
                                .getProcessorIdentifier()
                                .getVendorFreq();
                        if (hz <= 0) {
                            hz = new SystemInfo().getHardware().getProcessor().getMaxFreq();
                        }
                        mhz = hz > 0 ? hz / 1_000_000.0 : -1;
                    } catch (RuntimeException | LinkageError e) {
                        mhz = -1;
                    }
                    coreMhz = mhz;
                }
            }
        }
        return coreMhz;
    }

    private record CpuTimes(long userMs, long kernelMs, long nanos, long upTimeMs) {}
}
