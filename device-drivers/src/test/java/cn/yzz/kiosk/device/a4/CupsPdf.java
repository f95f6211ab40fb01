package cn.yzz.kiosk.device.a4;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real CUPS with its cups-pdf queue, as {@code ./kiosk test} sets it up: where the PDFs land,
 * and the administrator's commands the tests use to pause and hold the queue. Tests move the PDFs
 * they keep to target/ and delete the others, so the spool folder does not grow run after run.
 */
public final class CupsPdf {

    static final String QUEUE = "PDF";
    static final Path PNG_DIR = Path.of("target", "a4");

    private CupsPdf() {}

    /** cups-pdf's output folder for this user, read from its configuration ({@code Out}). */
    public static Path outputDir() throws IOException {
        String out = Files.readAllLines(Path.of("/etc/cups/cups-pdf.conf")).stream()
                .map(String::strip).filter(l -> l.startsWith("Out ")).map(l -> l.substring(4).strip())
                .findFirst().orElse("${HOME}/PDF");
        return Path.of(out.replace("${USER}", System.getProperty("user.name")).replace("${HOME}", System.getProperty("user.home")));
    }

    /** The PDF cups-pdf made for job {@code id} (it names files {@code <title>…-job_<id>.pdf}). */
    public static Path pdfOf(int id) throws IOException {
        try (Stream<Path> files = Files.list(outputDir())) {
            List<Path> found = files.filter(p -> p.getFileName().toString().endsWith("-job_" + id + ".pdf")).toList();
            if (found.size() != 1) {
                throw new AssertionError("expected one PDF for job " + id + " in " + outputDir() + ", found " + found);
            }
            return found.get(0);
        }
    }

    /** Runs an administrator's command (cupsdisable, lpadmin…) and fails the test if it fails. */
    static String admin(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    /** Back to the state ./kiosk test leaves: enabled, accepting, nothing held or queued. */
    static void restoreQueue() throws IOException, InterruptedException {
        admin("cupsenable", QUEUE);
        admin("cupsaccept", QUEUE);
        admin("lpadmin", "-p", QUEUE, "-o", "job-hold-until-default=no-hold");
        admin("cancel", "-a", QUEUE);
    }
}
