package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SiteIdsTest {
    @Test
    void lowestFree_noSites_isOne() {
        assertThat(SiteIds.lowestFree(List.of())).isEqualTo(1);
    }

    @Test
    void lowestFree_gap_isReused_andZeroIsNeverChosen() {
        assertThat(SiteIds.lowestFree(List.of(1L, 2L, 4L))).isEqualTo(3);
        assertThat(SiteIds.lowestFree(List.of(0L, 2L))).isEqualTo(1);
        assertThat(SiteIds.lowestFree(List.of(3L, 1L, 2L))).isEqualTo(4);
    }
}
