package io.nomadiis.driver.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.nomadiis.driver.task.DriverException;
import io.nomadiis.driver.task.StartedTask;
import io.nomadiis.driver.task.TaskDriver;
import io.nomadiis.proto.drivers.CreateNetworkRequest;
import io.nomadiis.proto.drivers.CreateNetworkResponse;
import io.nomadiis.proto.drivers.DestroyNetworkRequest;
import io.nomadiis.proto.drivers.DestroyNetworkResponse;
import io.nomadiis.proto.drivers.DestroyTaskRequest;
import io.nomadiis.proto.drivers.DestroyTaskResponse;
import io.nomadiis.proto.drivers.DriverTaskEvent;
import io.nomadiis.proto.drivers.ExecTaskRequest;
import io.nomadiis.proto.drivers.ExecTaskResponse;
import io.nomadiis.proto.drivers.ExecTaskStreamingRequest;
import io.nomadiis.proto.drivers.ExecTaskStreamingResponse;
import io.nomadiis.proto.drivers.InspectTaskRequest;
import io.nomadiis.proto.drivers.InspectTaskResponse;
import io.nomadiis.proto.drivers.RecoverTaskRequest;
import io.nomadiis.proto.drivers.RecoverTaskResponse;
import io.nomadiis.proto.drivers.SignalTaskRequest;
import io.nomadiis.proto.drivers.SignalTaskResponse;
import io.nomadiis.proto.drivers.StartTaskRequest;
import io.nomadiis.proto.drivers.StartTaskResponse;
import io.nomadiis.proto.drivers.StopTaskRequest;
import io.nomadiis.proto.drivers.StopTaskResponse;
import io.nomadiis.proto.drivers.TaskEventsRequest;
import io.nomadiis.proto.drivers.TaskHandle;
import io.nomadiis.proto.drivers.TaskStatsRequest;
import io.nomadiis.proto.drivers.TaskStatsResponse;
import io.nomadiis.proto.drivers.WaitTaskRequest;
import io.nomadiis.proto.drivers.WaitTaskResponse;
import java.time.Duration;

/**
 * The task RPCs of Nomad's {@code Driver} service as thin translators onto a {@link TaskDriver}; the
 * {@link DriverService} delegates each task RPC here. Errors: unknown task NOT_FOUND ("task not found for
 * given id"), bad config INVALID_ARGUMENT, retryable start failure FAILED_PRECONDITION with Nomad's
 * RecoverableError detail, anything else INTERNAL ({@link ErrorStatuses}); never UNAVAILABLE or CANCELLED.
 *
 * <p>Threads: called on the gRPC server's call executor ({@code grpc-call-*}, see {@code PluginServer}),
 * never on a Netty transport thread, so a call may wait on the host; stream messages (stats, events) are
 * sent from the driver's scheduler and event publishers.
 */
public final class TaskRpcs {
    private static final String EXEC_UNSUPPORTED = "exec is not supported by the iis driver";
    private static final String NETWORK_UNSUPPORTED = "the iis driver does not create networks (host networking only)";

    private final TaskDriver driver;

    public TaskRpcs(TaskDriver driver) {
        this.driver = requireNonNull(driver, "driver");
    }

    /**
     * StartTask: Nomad ignores {@code result}; any error status is a start failure, unrecoverable unless it
     * carries the RecoverableError detail. The handle echoes the whole TaskConfig and carries the driver state.
     */
    public void startTask(StartTaskRequest request, StreamObserver<StartTaskResponse> response) {
        call(response, () -> {
            StartedTask started = driver.startTask(TaskProtos.request(request.getTask()));
            TaskHandle handle = TaskHandle.newBuilder()
                    .setVersion(started.handleVersion())
                    .setConfig(request.getTask())
                    .setState(io.nomadiis.proto.drivers.TaskState.RUNNING)
                    .setDriverState(com.google.protobuf.ByteString.copyFrom(started.driverState()))
                    .build();
            return StartTaskResponse.newBuilder()
                    .setResult(StartTaskResponse.Result.SUCCESS)
                    .setHandle(handle)
                    .build();
        });
    }

    /**
     * RecoverTask: the task id comes from {@code handle.config.id} (Nomad never sets {@code task_id}) and the
     * driver config is empty; a task already known is OK; an error makes Nomad destroy and restart the task.
     */
    public void recoverTask(RecoverTaskRequest request, StreamObserver<RecoverTaskResponse> response) {
        call(response, () -> {
            TaskHandle handle = request.getHandle();
            driver.recoverTask(
                    TaskProtos.request(handle.getConfig()),
                    handle.getVersion(),
                    handle.getDriverState().toByteArray());
            return RecoverTaskResponse.getDefaultInstance();
        });
    }

    /**
     * WaitTask: held open for the task's whole life, may be called several times and after exit (then it
     * answers at once) until DestroyTask; a non-empty {@code err} marks the exit as failed.
     */
    public void waitTask(WaitTaskRequest request, StreamObserver<WaitTaskResponse> response) {
        try {
            driver.waitTask(request.getTaskId()).whenComplete((result, failure) -> {
                if (failure != null) {
                    response.onError(
                            Status.UNKNOWN.withDescription(failure.getMessage()).asRuntimeException());
                    return;
                }
                response.onNext(WaitTaskResponse.newBuilder()
                        .setResult(TaskProtos.exitResult(result))
                        .setErr(result.err())
                        .build());
                response.onCompleted();
            });
        } catch (DriverException e) {
            response.onError(ErrorStatuses.of(e));
        }
    }

    /** StopTask: tears the task down, keeps its handle (WaitTask stays valid); OK for unknown or exited tasks. */
    public void stopTask(StopTaskRequest request, StreamObserver<StopTaskResponse> response) {
        call(response, () -> {
            Duration timeout = Duration.ofSeconds(
                    request.getTimeout().getSeconds(), request.getTimeout().getNanos());
            driver.stopTask(request.getTaskId(), timeout, request.getSignal());
            return StopTaskResponse.getDefaultInstance();
        });
    }

    /** DestroyTask: always {@code force = true} from Nomad; cleans up everything, idempotent; WaitTask then fails. */
    public void destroyTask(DestroyTaskRequest request, StreamObserver<DestroyTaskResponse> response) {
        call(response, () -> {
            driver.destroyTask(request.getTaskId(), request.getForce());
            return DestroyTaskResponse.getDefaultInstance();
        });
    }

    /** InspectTask: not called by Nomad's client; both timestamps and the result are always set. */
    public void inspectTask(InspectTaskRequest request, StreamObserver<InspectTaskResponse> response) {
        call(response, () -> {
            io.nomadiis.driver.task.TaskInspection status = driver.inspectTask(request.getTaskId());
            return InspectTaskResponse.newBuilder()
                    .setTask(TaskProtos.status(status))
                    .setDriver(TaskProtos.driverStatus(status))
                    .build();
        });
    }

    /** SignalTask: START, STOP, RECYCLE/SIGHUP, SIGINT/SIGKILL (case-insensitive); others INVALID_ARGUMENT. */
    public void signalTask(SignalTaskRequest request, StreamObserver<SignalTaskResponse> response) {
        call(response, () -> {
            driver.signalTask(request.getTaskId(), request.getSignal());
            return SignalTaskResponse.getDefaultInstance();
        });
    }

    /**
     * TaskStats: one message per {@code collection_interval} until the client cancels or the task ends (then
     * the stream completes OK); every message has {@code timestamp} and {@code agg_resource_usage}.
     */
    public void taskStats(TaskStatsRequest request, StreamObserver<TaskStatsResponse> response) {
        ServerCallStreamObserver<TaskStatsResponse> observer = (ServerCallStreamObserver<TaskStatsResponse>) response;
        Duration interval = Duration.ofSeconds(
                request.getCollectionInterval().getSeconds(),
                request.getCollectionInterval().getNanos());
        try {
            AutoCloseable stream = driver.taskStats(
                    request.getTaskId(),
                    interval,
                    sample -> {
                        synchronized (observer) {
                            if (!observer.isCancelled()) {
                                observer.onNext(TaskStatsResponse.newBuilder()
                                        .setStats(TaskProtos.stats(sample))
                                        .build());
                            }
                        }
                    },
                    () -> {
                        synchronized (observer) {
                            if (!observer.isCancelled()) {
                                observer.onCompleted();
                            }
                        }
                    });
            observer.setOnCancelHandler(() -> closeQuietly(stream));
        } catch (DriverException e) {
            observer.onError(ErrorStatuses.of(e));
        }
    }

    /** TaskEvents: one long-lived stream for all tasks, routed by alloc id and task name; kept open. */
    public void taskEvents(TaskEventsRequest request, StreamObserver<DriverTaskEvent> response) {
        ServerCallStreamObserver<DriverTaskEvent> observer = (ServerCallStreamObserver<DriverTaskEvent>) response;
        AutoCloseable subscription = driver.taskEvents(event -> {
            synchronized (observer) {
                if (!observer.isCancelled()) {
                    observer.onNext(TaskProtos.event(event));
                }
            }
        });
        observer.setOnCancelHandler(() -> closeQuietly(subscription));
    }

    /** ExecTask: not supported (capability {@code exec = false}); a clear error. */
    public void execTask(ExecTaskRequest request, StreamObserver<ExecTaskResponse> response) {
        response.onError(Status.UNIMPLEMENTED.withDescription(EXEC_UNSUPPORTED).asRuntimeException());
    }

    /** ExecTaskStreaming: not supported; a clear error. */
    public StreamObserver<ExecTaskStreamingRequest> execTaskStreaming(
            StreamObserver<ExecTaskStreamingResponse> response) {
        response.onError(Status.UNIMPLEMENTED.withDescription(EXEC_UNSUPPORTED).asRuntimeException());
        return new StreamObserver<>() {
            @Override
            public void onNext(ExecTaskStreamingRequest value) {}

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
        };
    }

    /** CreateNetwork: only called when {@code must_create_network}, which this driver does not set. */
    public void createNetwork(CreateNetworkRequest request, StreamObserver<CreateNetworkResponse> response) {
        response.onError(
                Status.UNIMPLEMENTED.withDescription(NETWORK_UNSUPPORTED).asRuntimeException());
    }

    /** DestroyNetwork: only called when {@code must_create_network}, which this driver does not set. */
    public void destroyNetwork(DestroyNetworkRequest request, StreamObserver<DestroyNetworkResponse> response) {
        response.onError(
                Status.UNIMPLEMENTED.withDescription(NETWORK_UNSUPPORTED).asRuntimeException());
    }

    private interface Body<T> {
        T run() throws DriverException;
    }

    private static <T> void call(StreamObserver<T> response, Body<T> body) {
        T value;
        try {
            value = body.run();
        } catch (DriverException e) {
            response.onError(ErrorStatuses.of(e));
            return;
        } catch (RuntimeException e) {
            response.onError(ErrorStatuses.of(e));
            return;
        }
        response.onNext(value);
        response.onCompleted();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // the stream is gone either way
        }
    }
}
