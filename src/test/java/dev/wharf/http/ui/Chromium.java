package dev.wharf.http.ui;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/** Debian's headless Chromium driven by its chromedriver, with a fresh profile; screenshots go to target/. */
final class Chromium implements AutoCloseable {
    static final Path BROWSER = Paths.get("/usr/bin/chromium");
    static final Path DRIVER = Paths.get("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Paths.get("target", "ui-screenshots");
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);

    /** Elements that stick out past the right edge of the viewport, outside a scrolling container ("" if none). */
    private static final String OVERFLOW = "var w = document.documentElement.clientWidth, out = [];"
            + "document.querySelectorAll('body *').forEach(function (e) {"
            + "  if (e.closest('.table-wrap, pre, dialog:not([open])')) { return; }"
            + "  var r = e.getBoundingClientRect();"
            + "  if (r.width > 0 && r.right > w + 1) { out.push(e.tagName + '.' + e.className + '#' + e.id + ' right=' + r.right); }"
            + "});"
            + "return document.documentElement.scrollWidth > w ? 'scrollWidth=' + document.documentElement.scrollWidth"
            + " + ' > ' + w + ': ' + out.join(', ') : '';";

    final ChromeDriver driver;
    private final Path profile;

    static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    Chromium() throws IOException {
        profile = Files.createTempDirectory("wharf-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    /** Saves {@code name}-desktop.png and {@code name}-phone.png of the current page, then restores desktop size. */
    void screenshots(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        for (var size : new Object[][]{{"desktop", DESKTOP}, {"phone", PHONE}}) {
            driver.manage().window().setSize((Dimension) size[1]);
            if (size[1] == PHONE) {
                Object wide = driver.executeScript(OVERFLOW);
                if (!"".equals(wide)) {
                    throw new AssertionError(name + " is wider than a phone screen: " + wide);
                }
            }
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + "-" + size[0] + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        driver.manage().window().setSize(DESKTOP);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

}
