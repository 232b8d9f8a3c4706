package io.nomadiis.driver.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.nomadiis.driver.config.InvalidConfigException;
import io.nomadiis.driver.task.DriverException;
import io.nomadiis.proto.structs.RecoverableError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorStatusesTest {

    @Test
    void of_notFound_notFoundWithGoMessage() {
        StatusRuntimeException status = ErrorStatuses.of(DriverException.notFound("x"));
        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getStatus().getDescription()).isEqualTo("task not found for given id");
    }

    @Test
    void of_recoverable_failedPreconditionWithRecoverableDetailFirst() throws Exception {
        StatusRuntimeException status =
                ErrorStatuses.of(new DriverException(DriverException.Kind.RECOVERABLE, "starting pool failed: busy"));
        com.google.rpc.Status rpc = StatusProto.fromThrowable(status);
        assertThat(rpc.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION.value());
        assertThat(rpc.getMessage()).isEqualTo("starting pool failed: busy");
        Any first = rpc.getDetails(0);
        assertThat(first.getTypeUrl())
                .isEqualTo("type.googleapis.com/hashicorp.nomad.plugins.shared.structs.RecoverableError");
        assertThat(first.unpack(RecoverableError.class).getRecoverable()).isTrue();
    }

    @Test
    void of_invalidConfig_invalidArgumentListingViolations() {
        StatusRuntimeException status = ErrorStatuses.of(new InvalidConfigException(List.of("a is bad", "b is bad")));
        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getStatus().getDescription()).contains("a is bad").contains("b is bad");
    }

    @Test
    void of_unexpected_internalNeverUnavailableOrCancelled() {
        StatusRuntimeException status = ErrorStatuses.of(new IllegalStateException("boom"));
        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getStatus().getDescription()).isEqualTo("boom");
        assertThat(ErrorStatuses.of(new DriverException(DriverException.Kind.FAILED, "x"))
                        .getStatus()
                        .getCode())
                .isEqualTo(Status.Code.INTERNAL);
    }
}
