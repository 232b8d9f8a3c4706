package io.nomadiis.driver.grpc;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.grpc.stub.ServerCallStreamObserver;
import io.nomadiis.driver.ActivePluginConfig;
import io.nomadiis.driver.fingerprint.Fingerprinter;
import io.nomadiis.log.LogField;
import io.nomadiis.proto.drivers.FingerprintResponse;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One open {@code Fingerprint} call: sends a fingerprint now and then every interval until cancelled. */
final class FingerprintStream {

    private static final System.Logger LOG = System.getLogger(FingerprintStream.class.getName());

    private final ServerCallStreamObserver<FingerprintResponse> response;
    private final Fingerprinter fingerprinter;
    private final ActivePluginConfig config;
    private final ScheduledExecutorService timer;

    @GuardedBy("this")
    private ScheduledFuture<?> next;

    @GuardedBy("this")
    private boolean closed;

    FingerprintStream(
            ServerCallStreamObserver<FingerprintResponse> response,
            Fingerprinter fingerprinter,
            ActivePluginConfig config,
            ScheduledExecutorService timer) {
        this.response = response;
        this.fingerprinter = fingerprinter;
        this.config = config;
        this.timer = timer;
    }

    void start() {
        response.setOnCancelHandler(this::close);
        synchronized (this) {
            next = timer.schedule(this::send, 0, TimeUnit.MILLISECONDS);
        }
    }

    private void send() {
        FingerprintResponse message;
        try {
            message = FingerprintProtos.toProto(fingerprinter.current());
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.ERROR, "computing the fingerprint failed", e);
            message = FingerprintResponse.newBuilder()
                    .setHealth(FingerprintResponse.HealthState.UNDETECTED)
                    .setHealthDescription("fingerprint failed: " + e.getMessage())
                    .build();
        }
        synchronized (this) {
            if (closed || response.isCancelled()) {
                return;
            }
            try {
                response.onNext(message);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "fingerprint stream closed", LogField.error(e.getMessage()));
                closed = true;
                return;
            }
            long intervalMillis =
                    Math.max(1000, config.get().fingerprintInterval().toMillis());
            next = timer.schedule(this::send, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void close() {
        closed = true;
        if (next != null) {
            next.cancel(false);
        }
    }
}
