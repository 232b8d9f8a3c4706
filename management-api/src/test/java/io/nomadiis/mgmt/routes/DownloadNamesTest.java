package io.nomadiis.mgmt.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Issue 9: screenshot and dump names and the screenshot path as the C# plugin makes them. */
class DownloadNamesTest {
    static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 4, 5, 6, 7);

    @Test
    void screenshotAndProcdumpNames_followTheCSharpFormat() {
        assertThat(DownloadNames.screenshot("a1b2", "web", NOW))
                .isEqualTo("screenshot_a1b2_web_2026-03-04-05-06-07.png");
        assertThat(DownloadNames.procdump("a1b2", "web", NOW)).isEqualTo("procdump_a1b2_web_2026-03-04-05-06-07.dmp");
    }

    @Test
    void screenshotPath_withoutLeadingSlash_getsOne() {
        assertThat(ScreenshotRoute.withLeadingSlash("index.html")).isEqualTo("/index.html");
        assertThat(ScreenshotRoute.withLeadingSlash("")).isEqualTo("/");
        assertThat(ScreenshotRoute.withLeadingSlash("/about")).isEqualTo("/about");
    }
}
