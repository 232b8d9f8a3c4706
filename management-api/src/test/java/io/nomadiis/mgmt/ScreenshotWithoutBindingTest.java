package io.nomadiis.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScreenshotWithoutBindingTest {

    @Test
    void screenshot_siteWithoutHttpBinding_404() throws Exception {
        try (ApiFixture api = ApiFixture.onIisDouble(Limits.defaults())) {
            assertThat(api.get(api.taskUrl("screenshot")).statusCode()).isEqualTo(404);
        }
    }
}
