package cn.yzz.kiosk.demo.e2e;

import cn.yzz.kiosk.demo.DemoA4Printer;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceListener;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.a4.A4Document;
import cn.yzz.kiosk.device.a4.A4Printer;
import cn.yzz.kiosk.device.a4.CupsA4Printer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The A4 printer of an end-to-end run and its output tray: the kiosk prints through it as through any A4 printer,
 * and the journeys take each finished job's paper, a PDF: the one cups-pdf wrote for the job on a real CUPS queue,
 * or the one the demo's stand-in wrote. Jobs are told apart by the number the printer gave them, so other PDFs in
 * the same folder (other tests printing on the same queue) are never taken for the kiosk's.
 */
final class A4Tray implements A4Printer {

    private final A4Printer printer;
    private final Path folder;
    private final Path keep;
    private final boolean cups;
    private final List<PrintResult> done = new CopyOnWriteArrayList<>();

    private A4Tray(A4Printer printer, Path folder, Path keep, boolean cups) {
        this.printer = printer;
        this.folder = folder;
        this.keep = keep;
        this.cups = cups;
    }

    /**
     * The real CUPS driver on {@code queue}, which must be a cups-pdf queue (its PDFs are the paper). The kiosk's PDFs
     * are moved from cups-pdf's folder into {@code keep}, so that the spool does not grow run after run.
     */
    static A4Tray cups(String queue, Path keep) throws IOException {
        String device = run("lpstat", "-v", queue);
        if (!device.contains("cups-pdf:")) {
            throw new IOException("the CUPS queue " + queue + " is not a cups-pdf queue (lpstat -v: " + device.strip()
                    + "); the journeys read the paper from cups-pdf's PDFs");
        }
        return new A4Tray(new CupsA4Printer("a4-printer", queue, CupsA4Printer.Options.defaults()), cupsPdfFolder(), keep, true);
    }

    /** The demo's stand-in, writing its PDFs into {@code folder}. */
    static A4Tray demo(Path folder) {
        return new A4Tray(new DemoA4Printer("a4-printer", folder, Duration.ZERO), folder, folder, false);
    }

    /** Whether CUPS has a cups-pdf queue called {@code queue} (a machine ./kiosk test set up). */
    static boolean hasCupsPdf(String queue) {
        try {
            return run("lpstat", "-v", queue).contains("cups-pdf:");
        } catch (IOException e) {
            return false;
        }
    }

    /** What the run prints on, for the report. */
    String describe() {
        return cups ? "the real CUPS driver on a cups-pdf queue (its PDFs in " + folder + ", moved to " + keep + ")"
                : "the demo's stand-in A4 printer (its PDFs in " + folder + ")";
    }

    /** Jobs finished so far. */
    int jobs() {
        return done.size();
    }

    /** The paper of job {@code n} (0-based, in the order they finished), once its file is there; kept in the run's folder. */
    Path paper(int n) {
        PrintResult r = done.get(n);
        String suffix = cups ? "-job_" + r.jobId() + ".pdf" : "-" + r.jobId() + ".pdf";
        Path[] found = new Path[1];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (found[0] == null) {
            try (Stream<Path> files = Files.list(folder)) {
                found[0] = files.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException e) {
                throw new JourneyFailed("cannot read the printer's output folder " + folder + ": " + e.getMessage());
            }
            if (found[0] == null && System.nanoTime() > deadline) {
                throw new JourneyFailed("no PDF of job " + r.jobId() + " (" + r.pages() + " pages) in " + folder + " after 30 s");
            }
            KioskScreen.sleep(100);
        }
        if (keep.equals(folder)) {
            return found[0];
        }
        try {
            Files.createDirectories(keep);
            return Files.move(found[0], keep.resolve(found[0].getFileName()));
        } catch (IOException e) {
            throw new JourneyFailed("cannot take " + found[0] + " from the printer's output folder: " + e.getMessage());
        }
    }

    /** Pages the printer reported for job {@code n}. */
    int pages(int n) {
        return done.get(n).pages();
    }

    /** cups-pdf's output folder for this user ({@code Out} in its configuration). */
    private static Path cupsPdfFolder() throws IOException {
        String out = Files.readAllLines(Path.of("/etc/cups/cups-pdf.conf")).stream().map(String::strip)
                .filter(l -> l.startsWith("Out ")).map(l -> l.substring(4).strip()).findFirst().orElse("${HOME}/PDF");
        return Path.of(out.replace("${USER}", System.getProperty("user.name")).replace("${HOME}", System.getProperty("user.home")));
    }

    private static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not answer in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + ": " + out.strip());
        }
        return out;
    }

    // The printer, passed through //

    @Override
    public CompletableFuture<PrintResult> print(A4Document document, Progress progress) {
        return printer.print(document, progress).thenApply(r -> {
            done.add(r);
            return r;
        });
    }

    @Override
    public String name() {
        return printer.name();
    }

    @Override
    public void open() throws DeviceException {
        printer.open();
    }

    @Override
    public DeviceState state() {
        return printer.state();
    }

    @Override
    public Health checkHealth() {
        return printer.checkHealth();
    }

    @Override
    public void addListener(DeviceListener listener) {
        printer.addListener(listener);
    }

    @Override
    public void removeListener(DeviceListener listener) {
        printer.removeListener(listener);
    }

    @Override
    public Map<String, Long> statistics() {
        return printer.statistics();
    }

    @Override
    public void close() {
        printer.close();
    }
}
