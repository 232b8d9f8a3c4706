package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.iis.PoolState;
import org.junit.jupiter.api.Test;

class PoolStatesTest {
    @Test
    void fromIis_enumNumbers_mapToPoolStates() {
        assertThat(PoolStates.fromIis(0)).isEqualTo(PoolState.STARTING);
        assertThat(PoolStates.fromIis(1)).isEqualTo(PoolState.STARTED);
        assertThat(PoolStates.fromIis(2L)).isEqualTo(PoolState.STOPPING);
        assertThat(PoolStates.fromIis("3")).isEqualTo(PoolState.STOPPED);
    }

    @Test
    void fromIis_unknownOrMissing_isUnknown() {
        assertThat(PoolStates.fromIis(4)).isEqualTo(PoolState.UNKNOWN);
        assertThat(PoolStates.fromIis(null)).isEqualTo(PoolState.UNKNOWN);
        assertThat(PoolStates.fromIis("Started")).isEqualTo(PoolState.UNKNOWN);
    }

    @Test
    void comValues_convertVariantShapes() {
        assertThat(ComValues.toLong(7, 0)).isEqualTo(7);
        assertThat(ComValues.toLong(" 12 ", 0)).isEqualTo(12);
        assertThat(ComValues.toLong(new Object(), -1)).isEqualTo(-1);
        assertThat(ComValues.toBoolean(Boolean.TRUE)).isTrue();
        assertThat(ComValues.toBoolean(0)).isFalse();
        assertThat(ComValues.toBoolean("")).isNull();
        assertThat(ComValues.toText(null)).isEmpty();
    }
}
