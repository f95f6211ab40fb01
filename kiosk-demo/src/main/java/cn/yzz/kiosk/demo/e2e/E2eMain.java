package cn.yzz.kiosk.demo.e2e;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * {@code ./kiosk e2e [--backend URL --enroll-code CODE] [--data-dir DIR] [--payment-expiry SECONDS] [--a4 QUEUE|demo]}: the
 * villagers' journeys, headless, against the in-process dev-backend or a backend that implements the
 * contract. Prints {@code PASS <journey> (<ms> ms)} or {@code FAIL <journey>: <why>} per journey and
 * {@code N passed, N failed}; exits 0 only when none failed (2: usage, 3: could not start).
 */
public final class E2eMain {

    static final String USAGE = String.join("\n",
            "usage: ./kiosk e2e [--backend URL --enroll-code CODE] [--data-dir DIR] [--payment-expiry SECONDS] [--a4 QUEUE|demo]",
            "                   [--sscard pcscd|demo] [--kioskctl-classpath CP]",
            "  --backend URL          a county backend implementing the contract with sandbox payments (opening payUrl pays);",
            "                         default: the dev-backend, started in-process",
            "  --enroll-code CODE     its enrollment code (needed with --backend)",
            "  --data-dir DIR         the kiosk's data folder (default: a new temp folder); receipts and the log stay there",
            "  --payment-expiry S     the in-process backend's order lifetime (default " + E2eRun.LOCAL_EXPIRY.toSeconds() + ")",
            "  --a4 QUEUE|demo        print A4 through CUPS on this cups-pdf queue, or on the demo's stand-in (PDFs in DIR/a4);",
            "                         default: the queue " + E2eRun.CUPS_PDF_QUEUE + " when CUPS has it as a cups-pdf queue, else the stand-in",
            "  --sscard pcscd|demo    the social security card through pcscd and vpcd, or in the demo's in-memory slot;",
            "                         default: pcscd when vsmartcard-vpcd is installed, else the demo's slot",
            "  --kioskctl-classpath CP  kioskctl's classes: the offline journey also lists the outbox with kioskctl queue list --json");

    private E2eMain() {}

    public static void main(String[] args) throws Exception {
        // Headless before any JavaFX class loads: Monocle's headless screen, software rendering, a portrait kiosk screen.
        headless("glass.platform", "Monocle");
        headless("monocle.platform", "Headless");
        headless("prism.order", "sw");
        headless("java.awt.headless", "true");
        headless("headless.geometry", "1080x1920-32");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        E2eRun.Options o;
        try {
            o = parse(List.of(args));
        } catch (IllegalArgumentException e) {
            err.println("e2e: " + e.getMessage());
            err.println(USAGE);
            System.exit(2);
            return;
        }
        if (o == null) {
            out.println(USAGE);
            return;
        }
        quietConsole();
        List<E2eRun.Result> results;
        try {
            results = E2eRun.run(o, out::println, s -> err.println("e2e: " + s));
        } catch (IOException e) {
            err.println("e2e: cannot start: " + e.getMessage());
            Runtime.getRuntime().halt(3);
            return;
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.println((results.size() - failed) + " passed, " + failed + " failed");
        out.flush();
        Runtime.getRuntime().halt(failed == 0 ? 0 : 1); // the toolkit and the kiosk's daemon threads need no orderly end
    }

    static E2eRun.Options parse(List<String> args) throws IOException {
        String backend = null;
        String code = null;
        Path data = null;
        Duration expiry = E2eRun.LOCAL_EXPIRY;
        String a4 = null;
        String kioskctl = null;
        String sscard = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--backend" -> backend = value(args, ++i, a);
                case "--enroll-code" -> code = value(args, ++i, a);
                case "--data-dir" -> data = Path.of(value(args, ++i, a));
                case "--payment-expiry" -> {
                    String v = value(args, ++i, a);
                    try {
                        expiry = Duration.ofSeconds(Long.parseLong(v));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--payment-expiry: '" + v + "' is not a whole number of seconds", e);
                    }
                    if (expiry.toSeconds() < 1) {
                        throw new IllegalArgumentException("--payment-expiry: at least 1 second");
                    }
                }
                case "--a4" -> a4 = value(args, ++i, a);
                case "--kioskctl-classpath" -> kioskctl = value(args, ++i, a);
                case "--sscard" -> {
                    sscard = value(args, ++i, a);
                    if (!sscard.equals("pcscd") && !sscard.equals("demo")) {
                        throw new IllegalArgumentException("--sscard: pcscd or demo, not '" + sscard + "'");
                    }
                }
                case "-h", "--help" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (backend == null && code != null) {
            throw new IllegalArgumentException("--enroll-code goes with --backend (the in-process backend has its own)");
        }
        if (data == null) {
            data = Files.createTempDirectory("yzz-kiosk-e2e");
        } else if (Files.isDirectory(data)) {
            try (var s = Files.list(data)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException("--data-dir must be new or empty: the kiosk enrolls afresh there");
                }
            }
        }
        if (a4 == null) {
            a4 = A4Tray.hasCupsPdf(E2eRun.CUPS_PDF_QUEUE) ? E2eRun.CUPS_PDF_QUEUE : "demo";
        }
        if (sscard == null) {
            sscard = SsCardSlot.hasVpcd() ? "pcscd" : "demo";
        }
        return new E2eRun.Options(backend, code, data, expiry, "demo".equals(a4) ? null : a4, kioskctl, sscard.equals("pcscd"));
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static void headless(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The kiosk logs to its data folder; the console shows the journeys' lines only. */
    private static void quietConsole() {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            if (h instanceof ConsoleHandler) {
                root.removeHandler(h);
            }
        }
    }
}
