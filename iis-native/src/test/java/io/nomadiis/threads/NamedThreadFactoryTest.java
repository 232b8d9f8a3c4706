package io.nomadiis.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NamedThreadFactoryTest {

    private static OptionalInt niceOfThreadFrom(NamedThreadFactory factory) throws Exception {
        CompletableFuture<OptionalInt> nice = new CompletableFuture<>();
        Thread thread = factory.newThread(() -> nice.complete(ThreadNice.current()));
        thread.start();
        return nice.get(30, TimeUnit.SECONDS);
    }

    @Test
    void threadsAreNamedDaemons() {
        Thread first = new NamedThreadFactory("unit").newThread(() -> {});
        assertThat(first.getName()).isEqualTo("unit-1");
        assertThat(first.isDaemon()).isTrue();
        assertThat(first.getPriority()).isEqualTo(Thread.NORM_PRIORITY);
    }

    @Test
    void backgroundThreads_runBelowNormalPriority() throws Exception {
        Thread thread = NamedThreadFactory.background("bg").newThread(() -> {});
        assertThat(thread.getPriority()).isLessThan(Thread.NORM_PRIORITY);

        assumeTrue(LinuxThreadPriority.supported(), "nice values are per thread on Linux only");
        int normal = niceOfThreadFrom(new NamedThreadFactory("fg")).orElseThrow();
        assumeTrue(normal < 19, "this JVM already runs at the lowest priority");
        int background = niceOfThreadFrom(NamedThreadFactory.background("bg")).orElseThrow();
        assertThat(background).isEqualTo(Math.min(19, normal + NamedThreadFactory.BACKGROUND_NICE_STEPS));
    }

    @Test
    void processesStartedByABackgroundThread_inheritItsPriority() throws Exception {
        assumeTrue(LinuxThreadPriority.supported(), "nice values are per thread on Linux only");
        int normal = niceOfThreadFrom(new NamedThreadFactory("fg")).orElseThrow();
        assumeTrue(normal < 19, "this JVM already runs at the lowest priority");
        CompletableFuture<String> childNice = new CompletableFuture<>();
        NamedThreadFactory.background("bg")
                .newThread(() -> {
                    try {
                        Process ps = new ProcessBuilder("sh", "-c", "cut -d' ' -f19 /proc/self/stat").start();
                        childNice.complete(
                                new String(ps.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
                    } catch (Exception e) {
                        childNice.completeExceptionally(e);
                    }
                })
                .start();
        assertThat(Integer.parseInt(childNice.get(30, TimeUnit.SECONDS)))
                .isEqualTo(Math.min(19, normal + NamedThreadFactory.BACKGROUND_NICE_STEPS));
    }
}
