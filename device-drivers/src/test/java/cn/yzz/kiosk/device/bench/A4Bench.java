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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An A4 job from the call to print() until CUPS reports it finished, through the real driver,
 * javax.print, lpr, cupsd, cups-pdf and Ghostscript into a PDF (queue PDF, as ./kiosk bench sets it
 * up). There is no agreed goal for this yet: the figures are reported only.
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
                double[] ms = new double[RUNS];
                int pages = 0;
                for (int i = 0; i < RUNS; i++) {
                    A4Printer.PrintResult r = printer.print(doc).get(120, TimeUnit.SECONDS);
                    ms[i] = r.millis();
                    pages = r.pages();
                    Files.delete(CupsPdf.pdfOf(r.jobId()));
                }
                Arrays.sort(ms);
                report(String.format("A4 job (%d page%s) submitted to finished PDF, median of %d", pages, pages == 1 ? "" : "s", RUNS), ms[RUNS / 2]);
                report(String.format("A4 job (%d page%s) submitted to finished PDF, max of %d", pages, pages == 1 ? "" : "s", RUNS), ms[RUNS - 1]);
            }
        }
    }

    private static void report(String what, double ms) {
        System.out.printf("BENCH %-90s %10.3f ms  (report only, no limit set)%n", what, ms);
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
