package cn.yzz.kiosk.device.bench;

import cn.yzz.kiosk.device.a4.A4Document;
import cn.yzz.kiosk.device.a4.A4Printer;
import cn.yzz.kiosk.device.a4.CupsA4Printer;
import cn.yzz.kiosk.device.a4.CupsPdf;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import javax.print.PrintServiceLookup;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An A4 job from the call to print() until CUPS reports it finished (the kiosk's 打印 to 请取走打印件),
 * through the real driver, javax.print, lpr, cupsd, cups-pdf and Ghostscript into a PDF (queue PDF, as
 * ./kiosk bench sets it up), and where the time goes: our layout (fonts, wrapping, page breaks), our
 * spooling (the JDK drawing our pages into PostScript and lpr handing it to cupsd), and CUPS (the queue,
 * its filters, the cups-pdf backend running Ghostscript, and our polls of it every 50 ms). There is no
 * agreed goal yet: the figures are reported only.
 */
@Tag("bench")
class A4Bench {

    static final int RUNS = 5;

    @Test
    void a4JobToFinishedPdf() throws Exception {
        try (CupsA4Printer printer = new CupsA4Printer("a4", "PDF", CupsA4Printer.Options.defaults())) {
            printer.open();
            for (int months : new int[] {10, 50}) {
                A4Document doc = record(months);
                Files.delete(CupsPdf.pdfOf(printer.print(doc).get(120, TimeUnit.SECONDS).jobId())); // warm-up: class loading, JIT, fonts
                List<A4Printer.PrintResult> runs = new ArrayList<>();
                double[] lastCounted = new double[RUNS]; // when CUPS had counted every page but the last one done (3 pages: 2)
                for (int i = 0; i < RUNS; i++) {
                    long t0 = System.nanoTime();
                    AtomicLong counted = new AtomicLong();
                    A4Printer.PrintResult r = printer.print(doc, (done, total) -> {
                        if (done == Math.max(1, total - 1) && counted.get() == 0) {
                            counted.set(System.nanoTime() - t0);
                        }
                    }).get(120, TimeUnit.SECONDS);
                    runs.add(r);
                    lastCounted[i] = counted.get() / 1e6;
                    Files.delete(CupsPdf.pdfOf(r.jobId()));
                }
                int pages = runs.get(0).pages();
                String job = String.format("A4 job (%d page%s)", pages, pages == 1 ? "" : "s");
                double total = median(runs, A4Printer.PrintResult::millis);
                double layout = median(runs, A4Printer.PrintResult::layoutMillis);
                double spool = median(runs, A4Printer.PrintResult::spoolMillis);
                double cups = median(runs, A4Printer.PrintResult::serviceMillis);
                report(job + ", print() to CUPS reporting it done, median of " + RUNS, total, "ms");
                report(job + ", print() to CUPS reporting it done, max of " + RUNS, runs.stream().mapToDouble(A4Printer.PrintResult::millis).max().orElse(0), "ms");
                report(job + ": our layout (fonts, wrapping, page breaks), median", layout, "ms");
                report(job + ": our spooling (JDK draws the pages as PostScript, lpr hands it over), median", spool, "ms");
                report(job + ": CUPS (queue, filters, cups-pdf and Ghostscript, our 50 ms polls), median", cups, "ms");
                report(job + ": share of the job in our code (layout + spooling)", 100 * (layout + spool) / total, "%");
                if (pages > 1) {
                    Arrays.sort(lastCounted);
                    report(job + ": print() to CUPS counting all but the last page, median", lastCounted[RUNS / 2], "ms");
                }
            }
        }
        double[] lookups = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            PrintServiceLookup.lookupPrintServices(null, null);
            lookups[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(lookups);
        report("javax.print printer lookup (in every job, counted under CUPS above), median", lookups[RUNS / 2], "ms");
    }

    private static double median(List<A4Printer.PrintResult> runs, ToDoubleFunction<A4Printer.PrintResult> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        return v[v.length / 2];
    }

    private static void report(String what, double value, String unit) {
        System.out.printf("BENCH %-90s %10.3f %-3s (report only, no limit set)%n", what, value, unit);
    }

    private static A4Document record(int months) {
        List<A4Document.Contribution> rows = new ArrayList<>();
        for (int i = 0; i < months; i++) {
            rows.add(new A4Document.Contribution(String.format("%d-%02d", 2016 + i / 12, i % 12 + 1), "城乡居民基本养老保险",
                    "4,588.00", "180.00", "0.00", "已到账"));
        }
        return A4Document.contributionRecord("陈美玲", "440105195608121526", "2016-01 至 2026-10", "2026-11-23 09:30", rows,
                "https://yzz.gd.gov.cn/verify?no=GD2026112300001234");
    }
}
