package cn.yzz.kiosk.demo;

import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceException.Kind;
import cn.yzz.kiosk.device.DeviceListener;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.a4.A4Document;
import cn.yzz.kiosk.device.a4.A4Pages;
import cn.yzz.kiosk.device.a4.A4Printer;
import cn.yzz.kiosk.device.internal.DeviceCore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The demo's A4 printer: the kiosk's documents laid out by the same code the CUPS driver prints
 * ({@link A4Pages}), each page drawn at {@value #DPI} dpi into one PDF per job in a folder of the
 * demo's data, {@code a4-<time>-<n>.pdf}. It reports each page done as it is written, at a printer's
 * pace, and the last one once the file is complete, as the CUPS driver reports the last page when
 * CUPS says the job is done. Paper out and a jam can be set, so a failed print can be shown.
 *
 * <p>The demo does not print through CUPS even where CUPS and cups-pdf are installed: it must look
 * and behave the same on any machine it is started on, without root to set up a queue, and a job
 * there would leave files in a spool folder of the machine's, not the demo's ({@code ./kiosk test}
 * drives the CUPS driver for real).
 */
public final class DemoA4Printer implements A4Printer {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.demo");
    static final int DPI = 150;
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final DeviceCore core;
    private final Path dir;
    private final Duration perPage;
    private final AtomicInteger jobs = new AtomicInteger();
    private volatile boolean paperOut;
    private volatile boolean jamNext;
    private volatile Path lastPdf;
    private volatile boolean closed;

    /**
     * @param dir     where the PDFs go
     * @param perPage how long each page takes, as on a real printer (zero in tests)
     */
    public DemoA4Printer(String name, Path dir, Duration perPage) {
        this.core = new DeviceCore(name);
        this.dir = Objects.requireNonNull(dir, "dir");
        this.perPage = Objects.requireNonNull(perPage, "perPage");
    }

    // ---- controls (the simulator's) ----

    /** The tray is empty (or, with false, filled again): the printer is out of service until then. */
    public void setPaperOut(boolean out) {
        paperOut = out;
        core.submit(() -> {
            if (core.state() != DeviceState.CLOSED && core.state() != DeviceState.BUSY) {
                core.moveTo(out ? DeviceState.FAILED : DeviceState.IDLE, out ? "A4 打印机缺纸" : "A4 打印机就绪");
            }
            return null;
        });
        LOG.info(() -> "simulator: A4 paper " + (out ? "out" : "back"));
    }

    /** The next job jams after its first page. */
    public void jamNextJob() {
        jamNext = true;
        LOG.info("simulator: the next A4 job jams");
    }

    /** The last PDF written, if any. */
    public Path lastPdf() {
        return lastPdf;
    }

    public Path folder() {
        return dir;
    }

    // ---- the driver ----

    @Override
    public String name() {
        return core.name();
    }

    @Override
    public void open() throws DeviceException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DeviceException(Kind.DEVICE_FAULT, "演示 A4 打印机不能写文件夹 " + dir + "：" + e.getMessage(), e);
        }
        core.moveTo(paperOut ? DeviceState.FAILED : DeviceState.IDLE, paperOut ? "A4 打印机缺纸" : "A4 打印机就绪");
    }

    @Override
    public DeviceState state() {
        return core.state();
    }

    @Override
    public Health checkHealth() {
        DeviceState s = core.state();
        if (s == DeviceState.IDLE || s == DeviceState.BUSY) {
            return new Health(Health.Status.OK, "ok", "演示 A4 打印机正常：打印件写到 " + dir, Instant.now());
        }
        return new Health(Health.Status.FAILED, paperOut ? "paper-out" : "closed", paperOut ? "A4 打印机缺纸：请放入 A4 纸" : "打印机已关闭",
                Instant.now());
    }

    @Override
    public CompletableFuture<PrintResult> print(A4Document document, Progress progress) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(progress, "progress");
        return core.submit(() -> {
            try {
                return printNow(document, progress);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeviceException(Kind.CLOSED, "打印机已关闭，没有等到打印结果");
            }
        });
    }

    private PrintResult printNow(A4Document document, Progress progress) throws DeviceException, InterruptedException, IOException {
        long start = System.nanoTime();
        core.count("PrintRequestCount");
        if (paperOut) {
            core.count("PrintFailureCount");
            throw new DeviceException(Kind.DEVICE_FAULT, "A4 打印机缺纸，没有打印");
        }
        A4Pages pages = A4Pages.of(document);
        long layout = System.nanoTime() - start;
        int total = pages.getNumberOfPages();
        int job = jobs.incrementAndGet();
        Path pdf = dir.resolve("a4-" + LocalDateTime.now().format(FILE_TIME) + "-" + job + ".pdf");
        Path part = dir.resolve(pdf.getFileName() + ".part");
        core.moveTo(DeviceState.BUSY, "正在打印");
        boolean jam = jamNext;
        jamNext = false;
        try (PDDocument out = new PDDocument()) {
            tell(progress, 0, total);
            for (int i = 0; i < total; i++) {
                long pageStart = System.nanoTime();
                addPage(out, pages.render(i, DPI));
                if (jam || paperOut) {
                    core.count("PrintFailureCount");
                    throw new DeviceException(Kind.DEVICE_FAULT, jam ? "A4 打印机卡纸，打印没有完成：请打开前盖取出卡住的纸"
                            : "A4 打印机缺纸，打印没有完成");
                }
                long left = perPage.toNanos() - (System.nanoTime() - pageStart);
                if (left > 0) {
                    TimeUnit.NANOSECONDS.sleep(left);
                }
                if (i + 1 < total) {
                    tell(progress, i + 1, total); // the last page counts once the file is whole
                }
            }
            long spoolStart = System.nanoTime();
            out.save(part.toFile());
            Files.move(part, pdf, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            long spool = System.nanoTime() - spoolStart;
            lastPdf = pdf;
            tell(progress, total, total);
            core.count("PrintedJobCount");
            for (int i = 0; i < total; i++) {
                core.count("PrintedPageCount");
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            LOG.info(() -> "demo A4 job " + job + ": " + total + " page(s) in " + millis + " ms, " + pdf);
            return new PrintResult("demo", job, total, millis, TimeUnit.NANOSECONDS.toMillis(layout), TimeUnit.NANOSECONDS.toMillis(spool));
        } catch (IOException e) {
            core.count("PrintFailureCount");
            throw new DeviceException(Kind.DEVICE_FAULT, "演示 A4 打印机写不了文件：" + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(part);
            if (core.state() == DeviceState.BUSY) {
                core.moveTo(paperOut ? DeviceState.FAILED : DeviceState.IDLE, paperOut ? "A4 打印机缺纸" : "打印结束");
            }
        }
    }

    /** One page: its picture filling an ISO A4 page. */
    private static void addPage(PDDocument out, BufferedImage picture) throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        out.addPage(page);
        PDImageXObject image = LosslessFactory.createFromImage(out, picture);
        try (PDPageContentStream s = new PDPageContentStream(out, page)) {
            s.drawImage(image, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
        }
    }

    private void tell(Progress progress, int done, int total) {
        try {
            progress.pages(done, total);
        } catch (RuntimeException e) {
            LOG.log(java.util.logging.Level.WARNING, name() + ": the progress listener failed", e);
        }
    }

    @Override
    public void addListener(DeviceListener listener) {
        core.addListener(listener);
    }

    @Override
    public void removeListener(DeviceListener listener) {
        core.removeListener(listener);
    }

    @Override
    public Map<String, Long> statistics() {
        return core.statistics();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        core.shutdown();
        core.moveTo(DeviceState.CLOSED, "已关闭");
    }
}
