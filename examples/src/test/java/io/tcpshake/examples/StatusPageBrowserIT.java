package io.tcpshake.examples;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tcpshake.core.testing.SelfSignedKeystore;
import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The status page as a person sees it: the demo application runs with the agent, its endpoint behind
 * basic auth and TLS (a self-signed key made by keytool), and Debian's headless Chromium (through
 * chromedriver) opens {@code /}. One browser session for every check, to stay fast. The screenshots go
 * to {@code target/screenshots/}; {@code status-page-demo.png} is the README's {@code docs/status-page.png}.
 */
class StatusPageBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String USER = "admin";
    private static final String PASSWORD = "s3cret";
    private static final String INJECTED_NAME = "<script>window.tcpshakeInjected = 1</script>";
    private static final int WIDTH = 1280;
    private static final String UP_GREEN = "rgba(26, 127, 55, 1)";
    private static final String DOWN_RED = "rgba(207, 34, 46, 1)";

    /**
     * Selenium warns that it has no DevTools binding for this Chromium's version; the test needs none (its
     * one DevTools call, the full-page screenshot, goes through chromedriver). Held, so the level stays.
     */
    private static final Logger CDP_VERSION_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private DemoRun demo;
    private ChromeDriver browser;

    @AfterEach
    void stop() throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void statusPageShowsTheDemoTargetsAndFollowsThemWithoutReload(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "no " + CHROMIUM + " or "
                + CHROMEDRIVER + " (apt-get install chromium chromium-driver): the status page browser test"
                + " is skipped");
        Path targets = dir.resolve("targets.yaml");
        Files.copy(Path.of("targets.yaml"), targets, StandardCopyOption.REPLACE_EXISTING);
        Path keystore = SelfSignedKeystore.create(dir.resolve("exporter.p12"), "changeit");
        demo = DemoRun.start(dir, targets + ",reload=1s,exporter.basic_auth.username=" + USER
                + ",exporter.basic_auth.password_sha256=" + sha256(PASSWORD) + ",exporter.tls.keystore=" + keystore
                + ",exporter.tls.password=changeit", 4, "120s");
        String page = "https://" + USER + ":" + PASSWORD + "@127.0.0.1:" + demo.metricsPort() + "/";

        browser = chromium();
        try {
            await("the agent's endpoint lists the demo targets").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                        browser.get(page);
                        return names().contains("flapping");
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no status page at " + page + "\n--- demo log ---\n" + demo.log(), e);
        }
        await("the demo's targets decided").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> state("postgres").equals("UP") && state("refused").equals("DOWN")
                        && state("timeout").equals("DOWN"));
        assertEquals(UP_GREEN, badge("postgres").getCssValue("background-color"), "an UP row is green");
        assertEquals(DOWN_RED, badge("refused").getCssValue("background-color"), "a DOWN row is red");
        assertTrue(badge("refused").getText().startsWith("\u2716"), "DOWN carries a cross, not colour alone");
        assertTrue(badge("postgres").getText().startsWith("\u2714"), "UP carries a tick, not colour alone");
        assertTrue(row("refused").getText().contains("ECONNREFUSED"), row("refused").getText());
        assertTrue(row("timeout").getText().contains("timeout L4TOUT"), row("timeout").getText());
        List<String> order = names();
        assertTrue(order.indexOf("refused") < order.indexOf("postgres")
                && order.indexOf("timeout") < order.indexOf("postgres"), "DOWN targets come first: " + order);
        String summary = browser.findElement(By.id("summary")).getText();
        assertTrue(summary.matches("(?s).*\\d down, \\d up.*of 5 targets.*"), summary);

        ((JavascriptExecutor) browser).executeScript("window.tcpshakeSamePage = true");
        String flapping = state("flapping");
        awaitOnPage("the flapping target's new state, shown without a reload",
                () -> !state("flapping").equals(flapping));
        awaitOnPage("a few flaps in the history", () -> Integer.parseInt(cell("flapping", 6).getText()) >= 4);
        assertEquals("Live, every 5 s", browser.findElement(By.id("refresh")).getText(), "every refresh worked");
        assertEquals(Boolean.TRUE, script("return window.tcpshakeSamePage"), "the page was never reloaded");
        screenshot("status-page-demo.png");

        Files.write(targets, ("\n  - name: \"" + INJECTED_NAME + "\"\n    address: \"127.0.0.1:"
                + DemoRun.freePort() + "\"\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        awaitOnPage("the new target, shown as text after the agent reloaded its file",
                () -> names().contains(INJECTED_NAME));
        assertNull(script("return window.tcpshakeInjected"), "a target's name never runs as a script");
        assertEquals(Boolean.TRUE, script("return window.tcpshakeSamePage"), "the page was never reloaded");
        screenshot("status-page-escaped-name.png");

        browser.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        browser.navigate().refresh();
        assertTrue(names().containsAll(List.of("refused", "timeout", "postgres", INJECTED_NAME)),
                "with JavaScript off the server-rendered table is all there: " + names());
        assertEquals(DOWN_RED, badge("refused").getCssValue("background-color"), "and coloured");
        assertTrue(!browser.findElement(By.id("pause")).isDisplayed(), "no Pause button that would do nothing");
        screenshot("status-page-no-javascript.png");
    }

    private static ChromeDriver chromium() {
        CDP_VERSION_LOG.setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.setAcceptInsecureCerts(true); // the endpoint's key is self-signed, made for this test
        options
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--hide-scrollbars", "--window-size=" + WIDTH + ",700", "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Waits for what the page's own refresh shows; on time-out says what its refresh note and the demo said. */
    private void awaitOnPage(String what, Callable<Boolean> condition) {
        try {
            await(what).atMost(Duration.ofSeconds(30)).ignoreExceptions().until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(what + "; the page's refresh note: "
                    + browser.findElement(By.id("refresh")).getText() + "\n--- demo log ---\n" + demo.log(), e);
        }
    }

    private WebElement row(String name) {
        for (WebElement row : browser.findElements(By.cssSelector("#live tbody tr"))) {
            if (row.findElement(By.className("name")).getText().equals(name)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + name + " in " + names());
    }

    private WebElement badge(String name) {
        return row(name).findElement(By.className("badge"));
    }

    private WebElement cell(String name, int column) {
        return row(name).findElements(By.tagName("td")).get(column);
    }

    /** {@code UP}, {@code DOWN} or {@code UNKNOWN}: the badge's word, without its icon. */
    private String state(String name) {
        return badge(name).getText().replaceAll("^\\W+", "");
    }

    private List<String> names() {
        return browser.findElements(By.cssSelector("#live tbody .name")).stream().map(WebElement::getText)
                .collect(Collectors.toList());
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }

    /** The whole page, beyond the window's height (chromedriver's DevTools pass-through, any Chromium version). */
    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        Files.write(SCREENSHOTS.resolve(name), Base64.getDecoder().decode((String) shot.get("data")));
    }

    private static String sha256(String password) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : hash) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
