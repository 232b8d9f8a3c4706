package io.nomadiis.driver.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownSequenceTest {

    @Test
    void request_twice_closesPartsInReverseOrderOnceThenExits() throws Exception {
        List<String> closed = new CopyOnWriteArrayList<>();
        CountDownLatch exited = new CountDownLatch(1);
        ShutdownSequence sequence = new ShutdownSequence(exited::countDown, () -> {});
        sequence.register(() -> closed.add("server"));
        sequence.register(() -> {
            closed.add("failing");
            throw new IllegalStateException("close failed");
        });
        sequence.register(() -> closed.add("timer"));
        sequence.request();
        sequence.request();
        assertThat(exited.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(closed).containsExactly("timer", "failing", "server");
        assertThat(sequence.isRequested()).isTrue();
    }
}
