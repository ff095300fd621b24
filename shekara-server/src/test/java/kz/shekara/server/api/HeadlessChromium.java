package kz.shekara.server.api;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The real headless Chromium the browser tests drive (/usr/bin/chromium through /usr/bin/chromedriver, a
 * 1600x1000 window, English locale, a throw-away profile) and their 30-second wait. Stateless; each
 * driver belongs to one test.
 */
public final class HeadlessChromium {
    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private HeadlessChromium() {
    }

    /** Starts a browser whose profile lives in {@code profile}; the caller quits it. */
    public static ChromeDriver start(Path profile) {
        // Never let Selenium Manager look for (or download) a browser or driver.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        System.setProperty("SE_OFFLINE", "true");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--disable-extensions", "--window-size=1600,1000", "--lang=en-US",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The wait every browser test uses for the page to reach a state: 30 s. */
    public static WebDriverWait await(ChromeDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }
}
