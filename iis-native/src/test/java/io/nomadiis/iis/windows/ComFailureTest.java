package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.iis.IisException;
import org.junit.jupiter.api.Test;

class ComFailureTest {
    @Test
    void message_accessDenied_namesOperationObjectHexAndHint() {
        ComFailure failure = new ComFailure("create app pool", "nomad-1-web", 0x80070005, "Access is denied.\r\n");
        assertThat(failure.message())
                .isEqualTo("failed to create app pool \"nomad-1-web\": Access is denied "
                        + "(HRESULT 0x80070005; access denied: run the plugin as an administrator)");
    }

    @Test
    void message_unknownCodeWithoutText_stillCarriesHexAndObject() {
        ComFailure failure = new ComFailure("remove site", "nomad-2-api", 0x8007000D, null);
        assertThat(failure.message())
                .isEqualTo("failed to remove site \"nomad-2-api\": unknown error (HRESULT 0x8007000D)");
    }

    @Test
    void toException_timeoutIsRetryable_accessDeniedIsNot() {
        IisException timeout = new ComFailure("read site", "s", ComFailure.TIMEOUT, "no answer").toException(null);
        assertThat(timeout.retryable()).isTrue();
        assertThat(timeout.getMessage()).contains("0x800705B4").contains("\"s\"");
        assertThat(new ComFailure("read site", "s", ComFailure.E_ACCESSDENIED, "x")
                        .toException(null)
                        .retryable())
                .isFalse();
    }

    @Test
    void hex_isEightUpperCaseDigits() {
        assertThat(ComFailure.hex(0x800700B7)).isEqualTo("0x800700B7");
        assertThat(ComFailure.hex(1)).isEqualTo("0x00000001");
    }

    @Test
    void stepNames_nameOperationAndObjectOfEachStep() {
        ConfigStep add = new ConfigStep.Add(
                ConfigStep.CollectionRef.of(ConfigStep.POOLS),
                new ConfigElement(
                        "add", java.util.List.of(new ConfigAttribute("name", "nomad-1-web")), java.util.List.of()));
        ConfigStep app =
                new ConfigStep.Delete(ConfigStep.CollectionRef.applicationsOf("Default Web Site"), "path", "/api");
        assertThat(StepNames.operation(add)).isEqualTo("create app pool");
        assertThat(StepNames.object(add)).isEqualTo("nomad-1-web");
        assertThat(StepNames.operation(app)).isEqualTo("remove application");
        assertThat(StepNames.object(app)).isEqualTo("Default Web Site/api");
        assertThat(new ComFailure(StepNames.operation(app), StepNames.object(app), 0x80070002, "not found").message())
                .contains("0x80070002")
                .contains("\"Default Web Site/api\"");
    }
}
