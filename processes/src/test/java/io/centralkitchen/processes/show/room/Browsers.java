package io.centralkitchen.processes.show.room;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Headless Chromium for the browser tests: the system's {@code chromium} and {@code chromedriver} (Debian packages
 * {@code chromium} and {@code chromium-driver}; other paths with {@code -Dkitchen.test.chromium=...} and
 * {@code -Dkitchen.test.chromedriver=...}). Without them the tests are skipped, saying so. Each browser gets a
 * profile directory of its own; nothing is downloaded (Selenium Manager is not asked: both paths are given).
 */
final class Browsers {

    static final Path CHROMIUM = Path.of(System.getProperty("kitchen.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("kitchen.test.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browsers() {
    }

    /** For {@code @EnabledIf}: decided before the test class starts (or shares) an application. */
    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser tests skipped: no Chromium at " + CHROMIUM + " or no ChromeDriver at " + CHROMEDRIVER
                        + " (install the Debian packages chromium and chromium-driver; .ci/run does)");
    }

    static WebDriver start() {
        try {
            Path profile = Files.createTempDirectory("kitchen-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--mute-audio", "--autoplay-policy=no-user-gesture-required", "--window-size=1400,1000",
                    "--user-data-dir=" + profile.toAbsolutePath());
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void quit(WebDriver driver) {
        if (driver != null) {
            driver.quit();
        }
    }

    /** Keeps what the browser shows as {@code target/screenshots/<name>.png}, for people to look at. */
    static Path screenshot(WebDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
