package io.nomadiis.driver.grpc;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.nomadiis.driver.RecoverableException;
import io.nomadiis.driver.TaskNotFoundException;
import io.nomadiis.proto.structs.RecoverableError;

/**
 * Turns driver failures into the gRPC statuses Nomad understands: bad config → INVALID_ARGUMENT
 * with the message; unknown task → NOT_FOUND "task not found for given id"; recoverable failure →
 * FAILED_PRECONDITION with {@code RecoverableError{recoverable: true}} as {@code details[0]};
 * anything else → INTERNAL. Never UNAVAILABLE or CANCELLED: Nomad reads those as a dead plugin.
 */
public final class ErrorStatuses {

    private static final System.Logger LOG = System.getLogger(ErrorStatuses.class.getName());

    private ErrorStatuses() {
    }

    /** INVALID_ARGUMENT with {@code message}. */
    public static StatusRuntimeException invalidArgument(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }

    /** NOT_FOUND "task not found for given id". */
    public static StatusRuntimeException taskNotFound() {
        return Status.NOT_FOUND.withDescription(TaskNotFoundException.MESSAGE).asRuntimeException();
    }

    /** FAILED_PRECONDITION with {@code message} and the recoverable detail, so Nomad retries. */
    public static StatusRuntimeException recoverable(String message) {
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(Code.FAILED_PRECONDITION_VALUE)
                .setMessage(message)
                .addDetails(Any.pack(RecoverableError.newBuilder().setRecoverable(true).build()))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    /** The status for any failure of a driver RPC; unexpected failures are logged with their stack trace. */
    public static StatusRuntimeException of(Throwable failure) {
        if (failure instanceof StatusRuntimeException status) {
            return status;
        }
        if (failure instanceof TaskNotFoundException) {
            return taskNotFound();
        }
        if (failure instanceof RecoverableException) {
            return recoverable(failure.getMessage());
        }
        if (failure instanceof IllegalArgumentException || isInvalidConfig(failure)) {
            return invalidArgument(failure.getMessage());
        }
        String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        LOG.log(System.Logger.Level.ERROR, "driver call failed: " + message, failure);
        return Status.INTERNAL.withDescription(message).asRuntimeException();
    }

    private static boolean isInvalidConfig(Throwable failure) {
        return failure.getClass().getName().equals("io.nomadiis.driver.config.InvalidConfigException");
    }
}
