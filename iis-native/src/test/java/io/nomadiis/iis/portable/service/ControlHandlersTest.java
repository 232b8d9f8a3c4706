package io.nomadiis.iis.portable.service;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.iis.portable.ControlOperation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlHandlersTest {

    @Test
    void complete_withoutAHandlerForEveryOperation_namesTheMissingOnes() {
        ControlHandlers handlers = new ControlHandlers()
                .on(ControlOperation.PING, request -> new ControlOperation.Pong(1))
                .on(ControlOperation.SITE_NAMES, request -> List.of());

        assertThatThrownBy(handlers::complete)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("deploy")
                .hasMessageContaining("recyclePool")
                .hasMessageNotContaining("ping");
    }
}
