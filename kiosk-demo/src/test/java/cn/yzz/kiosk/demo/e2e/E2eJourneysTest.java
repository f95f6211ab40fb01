package cn.yzz.kiosk.demo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * {@code ./kiosk e2e} inside {@code ./kiosk test}: the villagers' journeys, headless on Monocle, on the demo's
 * emulated devices, against an in-process dev-backend through a village line the run cuts once; then every
 * payment and evaluation stored exactly once.
 */
class E2eJourneysTest {

    @TempDir
    Path data;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void everyJourneyPassesAndEverythingIsStoredOnce() throws Exception {
        FxToolkit.registerPrimaryStage(); // the toolkit as the other UI tests in this JVM start it
        List<String> lines = new ArrayList<>();
        List<E2eRun.Result> results = E2eRun.run(E2eRun.Options.inProcess(data), l -> {
            System.out.println(l);
            lines.add(l);
        }, i -> System.out.println("e2e: " + i));
        assertThat(results).extracting(E2eRun.Result::name).contains("pay-for-oneself-printed-receipt", "household-payment",
                "pay-for-another-by-keyed-id", "cancel-payment", "expired-code-new-order", "line-lost-while-paying",
                "printer-out-of-paper", "low-rating-with-reason", "no-evaluation", "query-shown-printed-on-a4",
                "print-service-on-a4", "application-offline-then-synced", "one-thing-bundle-two-steps", "assisted-visit",
                "search-by-initials", "yss-code-login-online", "yss-code-refused-offline", "social-security-card-login",
                "cash-overpayment-change-voucher",
                "stored-once-in-dev-backend");
        assertThat(lines).as("every journey passed").allMatch(l -> l.startsWith("PASS "));
    }
}
