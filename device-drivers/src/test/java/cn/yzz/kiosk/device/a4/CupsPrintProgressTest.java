package cn.yzz.kiosk.device.a4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.device.DeviceException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pages a job has done, as the driver reports them while it follows the job in the real CUPS
 * (cups-pdf queue PDF). CUPS counts a page ({@code job-impressions-completed}) as its filter chain
 * hands it on to the backend; the driver passes on what CUPS counted and nothing else, and the
 * last page only once CUPS says the job is completed.
 */
class CupsPrintProgressTest {

    /** One report: pages done, of how many, on which thread, and when (ns since the call). */
    record Report(int done, int total, String thread, long nanos) {}

    final List<Report> reports = new CopyOnWriteArrayList<>();
    CupsA4Printer printer;
    long t0;

    @BeforeEach
    void open() throws Exception {
        CupsPdf.restoreQueue();
        printer = new CupsA4Printer("a4", CupsPdf.QUEUE,
                new CupsA4Printer.Options(URI.create("http://localhost:631"), Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofMillis(200)));
        printer.open();
    }

    @AfterEach
    void close() throws Exception {
        printer.close();
        CupsPdf.restoreQueue();
    }

    CompletableFuture<A4Printer.PrintResult> print(A4Document doc) {
        t0 = System.nanoTime();
        return printer.print(doc, (done, total) -> reports.add(new Report(done, total, Thread.currentThread().getName(), System.nanoTime() - t0)));
    }

    @Test
    void aThreePageJobReportsZeroThenWhatCupsCountsThenAllPagesBeforeItCompletes() throws Exception {
        CompletableFuture<A4Printer.PrintResult> job = print(Samples.record(50));
        List<Report> atCompletion = job.thenApply(r -> List.copyOf(reports)).get(60, TimeUnit.SECONDS);
        A4Printer.PrintResult r = job.get();
        Files.delete(CupsPdf.pdfOf(r.jobId()));

        assertThat(r.pages()).isEqualTo(3);
        assertThat(atCompletion).as("every report came before the future completed").isEqualTo(reports);
        assertThat(reports.get(0).done()).as("first: the job is with the printer, nothing done").isZero();
        assertThat(reports.get(reports.size() - 1).done()).isEqualTo(3);
        assertThat(reports).allSatisfy(p -> {
            assertThat(p.total()).isEqualTo(3);
            assertThat(p.thread()).isEqualTo("kiosk-a4");
        });
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i).done()).as("report %d goes forward", i).isGreaterThan(reports.get(i - 1).done());
        }
        assertThat(reports.subList(0, reports.size() - 1)).as("all pages done only once CUPS says the job is")
                .allSatisfy(p -> assertThat(p.done()).isLessThan(3));
        assertThat(r.layoutMillis()).isPositive();
        assertThat(r.spoolMillis()).isPositive();
        assertThat(r.layoutMillis() + r.spoolMillis() + r.serviceMillis()).isEqualTo(r.millis());
        System.out.println("progress of a 3-page job (done/total at ms): "
                + reports.stream().map(p -> p.done() + "/" + p.total() + " at " + p.nanos() / 1_000_000).toList()
                + ", completed at " + r.millis() + " ms");
    }

    @Test
    void aHeldJobStaysAtZeroPagesUntilCupsReleasesIt() throws Exception {
        CupsPdf.admin("lpadmin", "-p", CupsPdf.QUEUE, "-o", "job-hold-until-default=indefinite");
        CompletableFuture<A4Printer.PrintResult> job = print(Samples.record(50));
        for (int i = 0; i < 300 && reports.isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(reports).as("the job is with CUPS").isNotEmpty();
        Thread.sleep(1500);
        assertThat(reports).as("held: no page is reported done, however long it waits").containsExactly(reports.get(0));
        assertThat(reports.get(0).done()).isZero();
        assertThat(job).isNotDone();

        String id = CupsPdf.admin("lpstat", "-o", CupsPdf.QUEUE).strip().split("\\s+")[0]; // PDF-123
        CupsPdf.admin("lp", "-i", id, "-H", "resume");
        A4Printer.PrintResult r = job.get(60, TimeUnit.SECONDS);
        Files.delete(CupsPdf.pdfOf(r.jobId()));
        assertThat(reports.get(reports.size() - 1).done()).isEqualTo(3);
    }

    @Test
    void aJobThatFailsNeverReportsItsPagesDone() throws Exception {
        CupsPdf.admin("lpadmin", "-p", CupsPdf.QUEUE, "-o", "job-hold-until-default=indefinite");
        CompletableFuture<A4Printer.PrintResult> job = print(Samples.record(50));
        for (int i = 0; i < 300 && reports.isEmpty(); i++) {
            Thread.sleep(50);
        }
        CupsPdf.admin("cupsdisable", "-r", "缺纸", CupsPdf.QUEUE);

        assertThatThrownBy(() -> job.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .extracting(Throwable::getCause, InstanceOfAssertFactories.type(DeviceException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(DeviceException.Kind.DEVICE_FAULT);
                    assertThat(e.getMessage()).startsWith("打印机 PDF 已暂停（缺纸），任务 ").endsWith("已取消：请排除故障后恢复打印（cupsenable PDF）");
                });
        assertThat(reports).extracting(Report::done).containsExactly(0);
    }

    @Test
    void aListenerThatThrowsDoesNotStopThePrint() throws Exception {
        A4Printer.PrintResult r = printer.print(Samples.record(3), (done, total) -> {
            throw new IllegalStateException("broken screen");
        }).get(60, TimeUnit.SECONDS);
        Files.delete(CupsPdf.pdfOf(r.jobId()));
        assertThat(r.pages()).isEqualTo(1);
    }
}
