package io.nomadiis.mgmt.screenshot;

import static java.util.Objects.requireNonNull;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.ScreenshotType;
import io.nomadiis.log.LogField;
import io.nomadiis.mgmt.http.ApiException;
import io.nomadiis.threads.NamedThreadFactory;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Takes PNG screenshots with one headless Chromium, launched on first use from a host executable
 * (never downloaded) and closed after an idle period. Playwright objects are not thread-safe, so
 * every Playwright call runs on this service's single thread; concurrent requests queue there.
 */
public final class ScreenshotService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ScreenshotService.class.getName());
    private static final List<String> ARGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic");
    private static final double NAVIGATION_TIMEOUT_MS = 30_000;

    private final Path configuredBrowser;
    private final Duration idleTimeout;
    private final ScheduledExecutorService thread;
    private Playwright playwright;
    private Browser browser;
    private ScheduledFuture<?> idleClose;

    /**
     * @param configuredBrowser the browser executable, or null to search the host
     * @param idleTimeout how long the browser stays open after the last screenshot
     */
    public ScreenshotService(Path configuredBrowser, Duration idleTimeout) {
        this.configuredBrowser = configuredBrowser;
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout");
        ScheduledThreadPoolExecutor executor =
                new ScheduledThreadPoolExecutor(1, NamedThreadFactory.background("mgmt-screenshot"));
        executor.setRemoveOnCancelPolicy(true);
        this.thread = executor;
    }

    /** A PNG of the page at {@code url}. */
    public byte[] capture(String url, int width, int height, boolean fullPage) {
        Future<byte[]> result = thread.submit(() -> captureOnThread(url, width, height, fullPage));
        try {
            return result.get(2, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException api) {
                throw api;
            }
            throw new ApiException(
                    500, "failed to take a screenshot of " + url + ": " + firstLine(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new ApiException(500, "timed out taking a screenshot of " + url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(500, "interrupted while taking a screenshot of " + url);
        }
    }

    /** Whether a browser is open now (for tests and the debug log). */
    public boolean browserOpen() {
        try {
            return thread.submit(() -> browser != null && browser.isConnected()).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    private byte[] captureOnThread(String url, int width, int height, boolean fullPage) {
        if (idleClose != null) {
            idleClose.cancel(false);
        }
        try {
            Browser b = browser();
            try (BrowserContext context =
                    b.newContext(new Browser.NewContextOptions().setViewportSize(width, height))) {
                Page page = context.newPage();
                page.navigate(url, new Page.NavigateOptions().setTimeout(NAVIGATION_TIMEOUT_MS));
                return page.screenshot(
                        new Page.ScreenshotOptions().setFullPage(fullPage).setType(ScreenshotType.PNG));
            }
        } catch (PlaywrightException e) {
            if (browser != null && !browser.isConnected()) {
                closeBrowser();
            }
            throw new ApiException(500, "failed to take a screenshot of " + url + ": " + firstLine(e), e);
        } finally {
            idleClose = thread.schedule(this::closeBrowser, idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private Browser browser() {
        if (browser != null && browser.isConnected()) {
            return browser;
        }
        closeBrowser();
        Path executable = BrowserLocator.find(configuredBrowser)
                .orElseThrow(() -> new ApiException(
                        500,
                        "no chromium, chrome or edge executable found for screenshots"
                                + (configuredBrowser == null ? "; install chromium" : " at " + configuredBrowser)));
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(executable)
                        .setHeadless(true)
                        .setArgs(ARGS));
        LOG.log(
                Level.INFO,
                "screenshot browser started",
                LogField.path(executable),
                LogField.of("browser_version", browser.version()));
        return browser;
    }

    private void closeBrowser() {
        try {
            if (browser != null) {
                browser.close();
            }
            if (playwright != null) {
                playwright.close();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "failed to close the screenshot browser", LogField.error(e.getMessage()));
        } finally {
            browser = null;
            playwright = null;
        }
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public void close() {
        try {
            thread.submit(this::closeBrowser).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "failed to close the screenshot browser", LogField.error(e));
        }
        thread.shutdownNow();
    }
}
