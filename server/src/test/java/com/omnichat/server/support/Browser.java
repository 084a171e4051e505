package com.omnichat.server.support;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Debian's headless Chromium with the flags of TOOLCHAIN.md: the binary and driver paths are set so Selenium never
 * tries to download anything, and the networking flags stop Chromium calling home on a network that refuses it.
 */
public final class Browser {
    private Browser() {
    }

    public static ChromeDriver start() {
        return start(new ChromeOptions());
    }

    /** Downloads land in {@code downloads} without asking, so a test can read the file the page saved. */
    public static ChromeDriver startSavingDownloadsTo(Path downloads) {
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false,
                "safebrowsing.enabled", false));
        return start(options);
    }

    private static ChromeDriver start(ChromeOptions options) {
        try {
            options.setBinary("/usr/bin/chromium");
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--window-size=1280,900",
                    "--user-data-dir=" + Files.createTempDirectory("omnichat-chromium"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
            return new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
