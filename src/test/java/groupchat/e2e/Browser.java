package groupchat.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/** One headless Chromium session driving the client, on Debian's own browser and driver. */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;
    final String name;

    private Browser(String name, ChromeDriver driver, Path profile) {
        this.name = name;
        this.driver = driver;
        this.profile = profile;
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Explicit binary and driver paths keep Selenium Manager from trying to download either. */
    static Browser open(String name, int width, int height) throws IOException {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("groupchat-e2e-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        if (width < 500) {
            // Desktop Chromium will not make a window narrower than 500 px; emulate the phone's viewport.
            options.setExperimentalOption("mobileEmulation", java.util.Map.of("deviceMetrics",
                    java.util.Map.of("width", width, "height", height, "pixelRatio", 1.0, "touch", true)));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new Browser(name, new ChromeDriver(service, options), profile);
    }

    void get(String url) {
        driver.get(url);
    }

    /** Opens the client already signed in with `token` (the way the client keeps it), skipping the forms. */
    void signIn(String base, String token) {
        driver.get(base + "/favicon.svg");
        script("localStorage.setItem('groupchat.token', arguments[0])", token);
        driver.get(base + "/");
        find(".layout");
    }

    /** On a phone: opens the sidebar drawer and waits until it stops sliding (a click mid-slide misses). */
    void openDrawer() {
        click(".menu-btn");
        until(d -> "none".equals(script("return getComputedStyle(document.querySelector('.sidebar')).transform")),
                "the drawer to finish sliding in");
    }

    /** Lets the page use the clipboard (copy buttons) without a permission prompt. */
    void allowClipboard(String base) {
        driver.executeCdpCommand("Browser.grantPermissions", java.util.Map.of("origin", base,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    /** Lets the page show notifications without a permission prompt. */
    void allowNotifications(String base) {
        driver.executeCdpCommand("Browser.grantPermissions", java.util.Map.of("origin", base, "permissions", List.of("notifications")));
    }

    /** The page's clipboard text. */
    String clipboard() {
        return (String) ((JavascriptExecutor) driver).executeAsyncScript(
                "navigator.clipboard.readText().then(arguments[0], e => arguments[0]('failed: ' + e))");
    }

    /** The element's box on screen: {top, bottom, left, right, width, height} in CSS pixels. */
    @SuppressWarnings("unchecked")
    java.util.Map<String, Number> box(WebElement element) {
        return (java.util.Map<String, Number>) script("const r = arguments[0].getBoundingClientRect();"
                + "return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height};", element);
    }

    /** Moves the mouse over `element`, as a person does to see a message's actions. */
    void hover(WebElement element) {
        new org.openqa.selenium.interactions.Actions(driver).moveToElement(element).perform();
    }

    /** Answers the page's confirm() with OK; returns its question. */
    String acceptConfirm() {
        var alert = until(d -> {
            try {
                return d.switchTo().alert();
            } catch (org.openqa.selenium.NoAlertPresentException e) {
                return null;
            }
        }, "a confirm dialog");
        String text = alert.getText();
        alert.accept();
        return text;
    }

    String title() {
        return driver.getTitle();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    WebElement find(String css) {
        return until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
        }, "a visible " + css);
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void click(String css) {
        find(css).click();
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Waits until some displayed element matching `css` contains `text`; returns it. */
    WebElement waitForText(String css, String text) {
        return until(d -> d.findElements(By.cssSelector(css)).stream()
                .filter(e -> e.isDisplayed() && e.getText().contains(text)).findFirst().orElse(null),
                "'" + text + "' in " + css);
    }

    <T> T until(Function<WebDriver, T> condition, String what) {
        try {
            return new WebDriverWait(driver, WAIT, Duration.ofMillis(50)).withMessage(() -> name + " waited for " + what)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (RuntimeException e) {
            screenshot("failed-" + name);
            throw e;
        }
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    void screenshot(String file) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(file + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("screenshot " + file + " failed: " + e);
        }
    }

    /** Errors the page logged (failed loads, CSP violations, exceptions). */
    List<String> severeLogs() {
        return driver.manage().logs().get("browser").getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(Object::toString).toList();
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp profile left behind is harmless
        }
    }
}
