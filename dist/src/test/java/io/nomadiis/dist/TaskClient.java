package io.nomadiis.dist;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import io.nomadiis.proto.base.SetConfigRequest;
import io.nomadiis.proto.drivers.DestroyTaskRequest;
import io.nomadiis.proto.drivers.DriverTaskEvent;
import io.nomadiis.proto.drivers.SignalTaskRequest;
import io.nomadiis.proto.drivers.StopTaskRequest;
import io.nomadiis.proto.drivers.TaskEventsRequest;
import io.nomadiis.proto.drivers.TaskStats;
import io.nomadiis.proto.drivers.TaskStatsRequest;
import io.nomadiis.proto.drivers.TaskStatsResponse;
import io.nomadiis.proto.drivers.WaitTaskRequest;
import io.nomadiis.proto.drivers.WaitTaskResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The task RPCs as the Nomad client uses them, over a {@link PluginProcess}. */
final class TaskClient {
    private final PluginProcess plugin;
    final List<DriverTaskEvent> events = new CopyOnWriteArrayList<>();

    TaskClient(PluginProcess plugin) {
        this.plugin = plugin;
    }

    /** SetConfig with an empty agent config (defaults), then the long-lived TaskEvents stream. */
    TaskClient configure() {
        return configure(new byte[0]);
    }

    /** SetConfig with that cty-msgpack agent config, then the long-lived TaskEvents stream. */
    TaskClient configure(byte[] agentConfig) {
        plugin.base()
                .setConfig(SetConfigRequest.newBuilder()
                        .setMsgpackConfig(ByteString.copyFrom(agentConfig))
                        .setPluginApiVersion("v0.1.0")
                        .build());
        Context.current()
                .fork()
                .run(() -> plugin.driverAsync()
                        .taskEvents(TaskEventsRequest.getDefaultInstance(), new StreamObserver<>() {
                            @Override
                            public void onNext(DriverTaskEvent value) {
                                events.add(value);
                            }

                            @Override
                            public void onError(Throwable t) {}

                            @Override
                            public void onCompleted() {}
                        }));
        return this;
    }

    /** WaitTask as a future (held open like Nomad does). */
    CompletableFuture<WaitTaskResponse> waitTask(String taskId) {
        CompletableFuture<WaitTaskResponse> result = new CompletableFuture<>();
        Context.current()
                .fork()
                .run(() -> plugin.driverAsync()
                        .waitTask(WaitTaskRequest.newBuilder().setTaskId(taskId).build(), new StreamObserver<>() {
                            @Override
                            public void onNext(WaitTaskResponse value) {
                                result.complete(value);
                            }

                            @Override
                            public void onError(Throwable t) {
                                result.completeExceptionally(t);
                            }

                            @Override
                            public void onCompleted() {}
                        }));
        return result;
    }

    /** Opens a TaskStats stream; samples arrive in the returned queue. */
    BlockingQueue<TaskStats> stats(String taskId, long intervalMillis) {
        BlockingQueue<TaskStats> queue = new LinkedBlockingQueue<>();
        Context.current()
                .fork()
                .run(() -> plugin.driverAsync()
                        .taskStats(
                                TaskStatsRequest.newBuilder()
                                        .setTaskId(taskId)
                                        .setCollectionInterval(com.google.protobuf.Duration.newBuilder()
                                                .setNanos((int) (intervalMillis % 1000) * 1_000_000)
                                                .setSeconds(intervalMillis / 1000))
                                        .build(),
                                new StreamObserver<>() {
                                    @Override
                                    public void onNext(TaskStatsResponse value) {
                                        queue.add(value.getStats());
                                    }

                                    @Override
                                    public void onError(Throwable t) {}

                                    @Override
                                    public void onCompleted() {}
                                }));
        return queue;
    }

    /** The worker PIDs of the next stats sample taken after now. */
    static Set<String> nextPids(BlockingQueue<TaskStats> stats) throws InterruptedException {
        stats.clear();
        TaskStats sample = stats.poll(PluginProcess.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        if (sample == null) {
            throw new AssertionError("no stats sample within " + PluginProcess.PATIENCE);
        }
        return new TreeSet<>(sample.getResourceUsageByPidMap().keySet());
    }

    /** The worker PIDs of the next sample within {@code seconds}, or null when none arrives. */
    static Set<String> pollPids(BlockingQueue<TaskStats> stats, long seconds) throws InterruptedException {
        TaskStats sample = stats.poll(seconds, TimeUnit.SECONDS);
        return sample == null
                ? null
                : new TreeSet<>(sample.getResourceUsageByPidMap().keySet());
    }

    void signal(String taskId, String signal) {
        plugin.driver()
                .signalTask(SignalTaskRequest.newBuilder()
                        .setTaskId(taskId)
                        .setSignal(signal)
                        .build());
    }

    void stop(String taskId) {
        plugin.driver()
                .stopTask(StopTaskRequest.newBuilder()
                        .setTaskId(taskId)
                        .setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(5))
                        .setSignal("")
                        .build());
    }

    void destroy(String taskId) {
        plugin.driver()
                .destroyTask(DestroyTaskRequest.newBuilder()
                        .setTaskId(taskId)
                        .setForce(true)
                        .build());
    }

    boolean hasEvent(String prefix) {
        return events.stream().anyMatch(e -> e.getMessage().startsWith(prefix));
    }
}
