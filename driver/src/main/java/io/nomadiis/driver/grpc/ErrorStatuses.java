package io.nomadiis.driver.grpc;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.nomadiis.driver.config.InvalidConfigException;
import io.nomadiis.driver.task.DriverException;
import io.nomadiis.proto.structs.RecoverableError;

/**
 * Turns driver failures into the gRPC statuses Nomad understands: bad config or request →
 * INVALID_ARGUMENT with the message; unknown task → NOT_FOUND "task not found for given id";
 * recoverable failure → FAILED_PRECONDITION with {@code RecoverableError{recoverable: true}} as
 * {@code details[0]} (Nomad then applies the restart policy); anything else → INTERNAL. Never
 * UNAVAILABLE or CANCELLED: Nomad reads those as a dead plugin.
 */
public final class ErrorStatuses {

    private static final System.Logger LOG = System.getLogger(ErrorStatuses.class.getName());

    private ErrorStatuses() {}

    /** INVALID_ARGUMENT with {@code message}. */
    public static StatusRuntimeException invalidArgument(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }

    /** NOT_FOUND "task not found for given id". */
    public static StatusRuntimeException taskNotFound() {
        return Status.NOT_FOUND.withDescription(DriverException.TASK_NOT_FOUND).asRuntimeException();
    }

    /** FAILED_PRECONDITION with {@code message} and the recoverable detail, so Nomad retries. */
    public static StatusRuntimeException recoverable(String message) {
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(Code.FAILED_PRECONDITION_VALUE)
                .setMessage(message == null ? "" : message)
                .addDetails(Any.pack(
                        RecoverableError.newBuilder().setRecoverable(true).build()))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    /** The status for any failure of a driver RPC; unexpected failures are logged with their stack trace. */
    public static StatusRuntimeException of(Throwable failure) {
        if (failure instanceof StatusRuntimeException status) {
            return status;
        }
        if (failure instanceof DriverException driver) {
            return switch (driver.kind()) {
                case INVALID_ARGUMENT -> invalidArgument(driver.getMessage());
                case NOT_FOUND -> taskNotFound();
                case RECOVERABLE -> recoverable(driver.getMessage());
                case FAILED -> internal(driver);
            };
        }
        if (failure instanceof InvalidConfigException invalid) {
            return invalidArgument("invalid config: " + String.join("; ", invalid.violations()));
        }
        if (failure instanceof IllegalArgumentException) {
            return invalidArgument(failure.getMessage());
        }
        return internal(failure);
    }

    private static StatusRuntimeException internal(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        if (!(failure instanceof DriverException)) {
            LOG.log(System.Logger.Level.ERROR, "driver call failed", failure);
        }
        return Status.INTERNAL.withDescription(message).withCause(failure).asRuntimeException();
    }
}
