package com.omnichat.server.support;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.List;
import java.util.Map;

/**
 * Records every Content-Security-Policy violation the pages of a browser report, from the first script on, so a test
 * can say a page works under its policy without the policy having quietly blocked part of it.
 */
public final class PolicyViolations {
    private static final String LISTENER = "window.__policyViolations = [];"
            + "document.addEventListener('securitypolicyviolation', e => window.__policyViolations.push("
            + "e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' in ' + e.sourceFile + ':' + e.lineNumber));";

    private final ChromeDriver driver;

    private PolicyViolations(ChromeDriver driver) {
        this.driver = driver;
    }

    public static PolicyViolations recordIn(ChromeDriver driver) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", LISTENER));
        return new PolicyViolations(driver);
    }

    @SuppressWarnings("unchecked")
    public List<String> onThisPage() {
        Object found = ((JavascriptExecutor) driver).executeScript("return window.__policyViolations || []");
        return List.copyOf((List<String>) found);
    }
}
