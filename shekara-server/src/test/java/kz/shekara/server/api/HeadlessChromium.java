package kz.shekara.server.api;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The real headless Chromium the browser tests drive (/usr/bin/chromium through /usr/bin/chromedriver, a
 * 1600x1000 window, English locale, a throw-away profile) and their 30-second wait. Stateless; each
 * driver belongs to one test. A test class usually takes one through {@link Session}.
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

    /**
     * A browser for each test of a class ({@code @RegisterExtension final HeadlessChromium.Session browser =
     * new HeadlessChromium.Session();}): started, with a fresh profile, before the class's own
     * {@code @BeforeEach} methods and quit, profile deleted, after its {@code @AfterEach} methods.
     */
    public static final class Session implements BeforeEachCallback, AfterEachCallback {
        private Path profile;
        private ChromeDriver driver;
        private WebDriverWait wait;

        @Override
        public void beforeEach(ExtensionContext context) throws IOException {
            profile = Files.createTempDirectory("shekara-chromium");
            driver = HeadlessChromium.start(profile);
            wait = HeadlessChromium.await(driver);
        }

        @Override
        public void afterEach(ExtensionContext context) {
            if (driver != null) {
                driver.quit();
                driver = null;
            }
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** This test's browser. */
        public ChromeDriver driver() {
            return driver;
        }

        /** This test's 30-second wait on its browser. */
        public WebDriverWait await() {
            return wait;
        }
    }
}
