package cn.yzz.kiosk.device.a4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.device.DeviceEvent;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the driver says when printing cannot work, against the real CUPS: a printer that does not
 * exist, a paused queue (before and during a job), a job that never finishes, no CUPS at all. Every
 * case ends with a plain reason, none hangs, and nothing is left in the queue.
 */
class CupsPrinterFaultTest {

    static final Duration FAST_WATCH = Duration.ofMillis(200);

    final BlockingQueue<DeviceEvent.StateChanged> changes = new LinkedBlockingQueue<>();
    CupsA4Printer printer;

    @BeforeEach
    void cleanQueue() throws Exception {
        CupsPdf.restoreQueue();
    }

    @AfterEach
    void restore() throws Exception {
        if (printer != null) {
            printer.close();
        }
        CupsPdf.restoreQueue();
    }

    CupsA4Printer open(String queue, Duration jobTimeout, Duration stoppedGrace) throws DeviceException {
        printer = new CupsA4Printer("a4", queue,
                new CupsA4Printer.Options(URI.create("http://localhost:631"), jobTimeout, stoppedGrace, FAST_WATCH));
        printer.addListener(e -> changes.add((DeviceEvent.StateChanged) e));
        printer.open();
        return printer;
    }

    @Test
    void aPrinterThatDoesNotExistIsOfflineAndPrintingFailsWithTheReason() throws Exception {
        open("yzz-no-such-printer", Duration.ofSeconds(30), Duration.ofSeconds(1));

        assertThat(printer.state()).isEqualTo(DeviceState.OFFLINE);
        Health h = printer.checkHealth();
        assertThat(h.status()).isEqualTo(Health.Status.FAILED);
        assertThat(h.detail()).startsWith("找不到打印机 yzz-no-such-printer");
        assertFails(printer.print(Samples.record(3)), DeviceException.Kind.NOT_ANSWERING, "找不到打印机 yzz-no-such-printer");
    }

    @Test
    void withoutAQueueNameTheSystemDefaultPrinterIsUsed() throws Exception {
        String lpstat = CupsPdf.admin("lpstat", "-d").strip(); // "system default destination: PDF"
        String defaultQueue = lpstat.substring(lpstat.lastIndexOf(' ') + 1);
        open(null, Duration.ofSeconds(30), Duration.ofSeconds(1));

        assertThat(printer.checkHealth().detail()).startsWith("打印机 " + defaultQueue + " 正常");
    }

    @Test
    void noPrintServiceAtAllIsSaidPlainly() throws Exception {
        printer = new CupsA4Printer("a4", CupsPdf.QUEUE,
                new CupsA4Printer.Options(URI.create("http://localhost:1"), Duration.ofSeconds(30), Duration.ofSeconds(1), FAST_WATCH));
        printer.open();

        assertThat(printer.state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(printer.checkHealth().detail()).startsWith("打印服务（CUPS）没有运行");
        assertFails(printer.print(Samples.record(3)), DeviceException.Kind.NOT_ANSWERING, "打印服务（CUPS）没有运行");
    }

    @Test
    void aPausedQueueIsNoticedRefusedAndForgottenOnceResumed() throws Exception {
        open(CupsPdf.QUEUE, Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertThat(printer.state()).isEqualTo(DeviceState.IDLE);
        changes.clear();

        CupsPdf.admin("cupsdisable", "-r", "卡纸", CupsPdf.QUEUE);
        DeviceEvent.StateChanged paused = nextChange();
        assertThat(paused.to()).isEqualTo(DeviceState.FAILED);
        assertThat(paused.detail()).isEqualTo("打印机 PDF 已暂停（卡纸）");
        assertThat(printer.checkHealth().detail()).isEqualTo("打印机 PDF 已暂停（卡纸）：请排除故障后恢复打印（cupsenable PDF）");
        assertFails(printer.print(Samples.record(3)), DeviceException.Kind.DEVICE_FAULT, "打印机 PDF 已暂停（卡纸）");
        assertThat(queued()).as("nothing was sent to the paused queue").isEmpty();

        CupsPdf.admin("cupsenable", CupsPdf.QUEUE);
        DeviceEvent.StateChanged back = nextChange();
        assertThat(back.to()).isEqualTo(DeviceState.IDLE);
        assertThat(printer.checkHealth().ok()).isTrue();
    }

    @Test
    void aQueueThatStopsTakingJobsIsRefused() throws Exception {
        open(CupsPdf.QUEUE, Duration.ofSeconds(30), Duration.ofSeconds(1));
        CupsPdf.admin("cupsreject", CupsPdf.QUEUE);

        assertFails(printer.print(Samples.record(3)), DeviceException.Kind.DEVICE_FAULT, "打印机 PDF 不接受新任务");
        assertThat(printer.state()).isEqualTo(DeviceState.FAILED);
    }

    @Test
    void aJobThatNeverFinishesTimesOutAndIsCancelled() throws Exception {
        CupsPdf.admin("lpadmin", "-p", CupsPdf.QUEUE, "-o", "job-hold-until-default=indefinite");
        open(CupsPdf.QUEUE, Duration.ofSeconds(4), Duration.ofSeconds(1));

        assertFails(printer.print(Samples.record(3)), DeviceException.Kind.NOT_ANSWERING, "打印在 4 秒内没有完成，任务 ");
        assertThat(lastFailure).endsWith("已取消（任务被挂起，等待放行）");
        assertThat(queued()).as("the job was cancelled, so it will not come out later").isEmpty();
    }

    @Test
    void aPrinterPausedWhileTheJobWaitsGivesUpTheJob() throws Exception {
        CupsPdf.admin("lpadmin", "-p", CupsPdf.QUEUE, "-o", "job-hold-until-default=indefinite");
        open(CupsPdf.QUEUE, Duration.ofSeconds(60), Duration.ofSeconds(1));

        CompletableFuture<A4Printer.PrintResult> job = printer.print(Samples.record(3));
        for (int i = 0; i < 300 && queued().isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(queued()).as("the held job is in the queue").isNotEmpty();
        CupsPdf.admin("cupsdisable", CupsPdf.QUEUE);

        assertFails(job, DeviceException.Kind.DEVICE_FAULT, "打印机 PDF 已暂停");
        assertThat(queued()).as("the job was cancelled").isEmpty();
    }

    @Test
    void closingWhileAJobWaitsEndsTheWaitAtOnce() throws Exception {
        CupsPdf.admin("lpadmin", "-p", CupsPdf.QUEUE, "-o", "job-hold-until-default=indefinite");
        open(CupsPdf.QUEUE, Duration.ofSeconds(60), Duration.ofSeconds(1));

        CompletableFuture<A4Printer.PrintResult> job = printer.print(Samples.record(3));
        for (int i = 0; i < 300 && queued().isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(queued()).as("the held job is in the queue").isNotEmpty();
        printer.close();

        assertFails(job, DeviceException.Kind.CLOSED, "打印机已关闭，没有等到打印结果");
        assertThat(printer.state()).isEqualTo(DeviceState.CLOSED);
    }

    String lastFailure;

    private void assertFails(CompletableFuture<?> f, DeviceException.Kind kind, String messageStart) {
        // Far longer than any of these cases needs; it only stops a hang from stalling the build.
        assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .extracting(Throwable::getCause, InstanceOfAssertFactories.type(DeviceException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.getMessage()).startsWith(messageStart);
                    lastFailure = e.getMessage();
                });
    }

    private DeviceEvent.StateChanged nextChange() throws InterruptedException {
        DeviceEvent.StateChanged c = changes.poll(10, TimeUnit.SECONDS);
        assertThat(c).as("a state change within 10 s").isNotNull();
        return c;
    }

    private static String queued() throws Exception {
        return CupsPdf.admin("lpstat", "-o", CupsPdf.QUEUE).strip();
    }
}
