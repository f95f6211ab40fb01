package cn.yzz.kiosk.device.a4;

import cn.yzz.kiosk.device.DeviceCalls;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceException.Kind;
import cn.yzz.kiosk.device.DeviceListener;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.internal.DeviceCore;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.print.DocFlavor;
import javax.print.DocPrintJob;
import javax.print.PrintException;
import javax.print.PrintService;
import javax.print.PrintServiceLookup;
import javax.print.SimpleDoc;
import javax.print.attribute.HashPrintRequestAttributeSet;
import javax.print.attribute.PrintRequestAttributeSet;
import javax.print.attribute.standard.Copies;
import javax.print.attribute.standard.JobName;
import javax.print.attribute.standard.MediaSizeName;
import javax.print.attribute.standard.OrientationRequested;

/**
 * An A4 printer behind CUPS. Jobs go in through javax.print (which hands them to {@code lpr}, so
 * the package cups-bsd must be installed); their fate is then read from CUPS over IPP, because the
 * JDK only knows that {@code lpr} accepted the file.
 *
 * <p>All work runs on the device thread {@code kiosk-<name>}. Every {@link Options#watchInterval}
 * that thread asks CUPS about the queue, so a paused queue, a removed printer or a stopped CUPS
 * shows up as a state change within seconds, and the printer is usable again as soon as it is back.
 * A job that cannot finish (printer paused, timeout) is cancelled so it does not come out later
 * for nobody.
 */
public final class CupsA4Printer implements A4Printer {

    private static final System.Logger LOG = System.getLogger("cn.yzz.kiosk.device.a4");

    /** CUPS's own English words for a paused or rejecting queue: they add nothing to the Chinese detail. */
    private static final Set<String> CUPS_DEFAULT_MESSAGES = Set.of("Paused", "Rejecting Jobs");

    /** How often a running job is asked about. */
    static final long POLL_MILLIS = 50;
    /** How long CUPS may take to list a job that lpr has accepted. */
    static final long JOB_APPEARS_MILLIS = 5000;

    /**
     * @param cups          where CUPS answers IPP, normally {@code http://localhost:631}
     * @param jobTimeout    the longest a job may take from submission to done
     * @param stoppedGrace  how long a job may wait on a paused printer before it is given up
     * @param watchInterval how often the queue's state is checked while idle
     */
    public record Options(URI cups, Duration jobTimeout, Duration stoppedGrace, Duration watchInterval) {
        public static Options defaults() {
            return new Options(URI.create("http://localhost:631"), Duration.ofMinutes(2), Duration.ofSeconds(3), Duration.ofSeconds(3));
        }
    }

    private final DeviceCore core;
    private final String configuredQueue;
    private final Options options;
    private final CupsClient cups;
    private volatile boolean closing;

    /** @param queue the CUPS queue, or null for the system's default printer */
    public CupsA4Printer(String name, String queue, Options options) {
        this.core = new DeviceCore(name);
        this.configuredQueue = queue;
        this.options = options;
        this.cups = new CupsClient(options.cups());
    }

    @Override
    public String name() {
        return core.name();
    }

    @Override
    public void open() throws DeviceException {
        DeviceCalls.await(core.submit(() -> {
            refresh();
            watch();
            return null;
        }), 15_000, "打印机");
    }

    @Override
    public DeviceState state() {
        return core.state();
    }

    @Override
    public Health checkHealth() {
        if (closing) {
            return health(Health.Status.FAILED, "closed", "打印机已关闭");
        }
        if (core.state() == DeviceState.BUSY) {
            return health(Health.Status.OK, "ok", "打印机正常，正在打印");
        }
        try {
            return DeviceCalls.await(core.submit(this::refresh), 15_000, "打印机");
        } catch (DeviceException e) {
            return health(Health.Status.FAILED, e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), e.getMessage());
        }
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
        if (closing) {
            return;
        }
        closing = true;
        core.shutdown();
        core.moveTo(DeviceState.CLOSED, "已关闭");
    }

    // ---- device thread only ----

    private void watch() {
        if (closing) {
            return;
        }
        core.schedule(() -> {
            refresh();
            watch();
        }, options.watchInterval().toMillis());
    }

    /** Asks CUPS about the queue, moves to the matching state and says it in plain words. */
    private Health refresh() {
        try {
            String queue = queue();
            Optional<CupsClient.PrinterStatus> s = cups.printer(queue);
            if (s.isEmpty()) {
                return offline("not-found", "找不到打印机 " + queue + "：请确认打印机已在 CUPS 中添加（lpstat -v 列出已添加的打印机）");
            }
            CupsClient.PrinterStatus p = s.get();
            String why = p.message().isEmpty() || CUPS_DEFAULT_MESSAGES.contains(p.message()) ? "" : "（" + p.message() + "）";
            if (p.stopped()) {
                core.moveTo(DeviceState.FAILED, "打印机 " + queue + " 已暂停" + why);
                return health(Health.Status.FAILED, "stopped", "打印机 " + queue + " 已暂停" + why + "：请排除故障后恢复打印（cupsenable " + queue + "）");
            }
            if (!p.accepting()) {
                core.moveTo(DeviceState.FAILED, "打印机 " + queue + " 不接受新任务" + why);
                return health(Health.Status.FAILED, "rejecting", "打印机 " + queue + " 不接受新任务" + why + "：请恢复接收（cupsaccept " + queue + "）");
            }
            if (core.state() != DeviceState.BUSY) {
                core.moveTo(DeviceState.IDLE, "打印机 " + queue + " 就绪");
            }
            String detail = "打印机 " + queue + " 正常：" + (p.state() == CupsClient.PRINTER_PROCESSING ? "正在打印" : "空闲") + "，接受新任务"
                    + (p.queuedJobs() > 0 ? "，队列中有 " + p.queuedJobs() + " 个任务" : "");
            String warnings = String.join("、", p.reasons().stream().filter(r -> r.endsWith("-warning") || r.endsWith("-report")).toList());
            return warnings.isEmpty() ? health(Health.Status.OK, "ok", detail)
                    : health(Health.Status.DEGRADED, "warning", detail + "；打印机提示：" + warnings);
        } catch (CupsClient.CupsDownException e) {
            return offline("cups-down", e.getMessage() + "：请启动打印服务");
        } catch (DeviceException e) {
            return offline("not-found", e.getMessage());
        } catch (IOException e) {
            return offline("cups-error", "打印服务（CUPS）应答异常：" + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return health(Health.Status.FAILED, "closed", "打印机已关闭");
        }
    }

    private Health offline(String code, String detail) {
        core.moveTo(DeviceState.OFFLINE, detail);
        return health(Health.Status.FAILED, code, detail);
    }

    private PrintResult printNow(A4Document document, Progress progress) throws DeviceException, InterruptedException {
        long start = System.nanoTime();
        core.count("PrintRequestCount");
        // The printer first: a missing or paused one is said at once, before the fonts are loaded.
        Health h = refresh();
        if (!h.ok() && h.status() != Health.Status.DEGRADED) {
            throw fail(core.state() == DeviceState.OFFLINE ? Kind.NOT_ANSWERING : Kind.DEVICE_FAULT, h.detail());
        }
        long layoutStart = System.nanoTime();
        A4Pages pages;
        try {
            pages = A4Pages.of(document);
        } catch (DeviceException e) {
            throw fail(e.kind(), e.getMessage());
        }
        long layoutNanos = System.nanoTime() - layoutStart;
        String queue = queue();
        PrintService service = Arrays.stream(PrintServiceLookup.lookupPrintServices(null, null))
                .filter(s -> s.getName().equals(queue)).findFirst()
                .orElseThrow(() -> fail(Kind.NOT_ANSWERING, "Java 打印服务里没有打印机 " + queue + "：请稍后再试，或重启终端程序"));
        String jobName = "yzz-a4-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        core.moveTo(DeviceState.BUSY, "正在打印");
        try {
            long spoolStart = System.nanoTime();
            submit(service, pages, jobName);
            long spoolNanos = System.nanoTime() - spoolStart;
            int id = awaitListed(queue, jobName);
            int total = pages.getNumberOfPages();
            LOG.log(Level.INFO, "{0}: job {1}-{2} submitted, {3} page(s)", name(), queue, String.valueOf(id), total);
            PagesDone done = new PagesDone(progress, total);
            done.report(0);
            follow(queue, id, start, done);
            done.report(total); // CUPS says the job is done: every page is, whatever it counted on the way
            core.count("PrintedJobCount");
            for (int i = 0; i < total; i++) {
                core.count("PrintedPageCount");
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            LOG.log(Level.INFO, "{0}: job {1}-{2} done in {3} ms (pages counted by CUPS on the way: {4})", name(), queue,
                    String.valueOf(id), String.valueOf(millis), done.heard);
            return new PrintResult(queue, id, total, millis, TimeUnit.NANOSECONDS.toMillis(layoutNanos),
                    TimeUnit.NANOSECONDS.toMillis(spoolNanos));
        } finally {
            if (core.state() == DeviceState.BUSY) {
                core.moveTo(DeviceState.IDLE, "打印结束");
            }
            refresh();
        }
    }

    private void submit(PrintService service, A4Pages pages, String jobName) throws DeviceException {
        PrintRequestAttributeSet attrs = new HashPrintRequestAttributeSet();
        attrs.add(MediaSizeName.ISO_A4);
        attrs.add(OrientationRequested.PORTRAIT);
        attrs.add(new Copies(1));
        // The job name is visible to anyone who lists the queue, so it holds no personal data.
        attrs.add(new JobName(jobName, Locale.ROOT));
        DocPrintJob job = service.createPrintJob();
        try {
            job.print(new SimpleDoc(pages, DocFlavor.SERVICE_FORMATTED.PAGEABLE, null), attrs);
        } catch (PrintException e) {
            String why = String.valueOf(e.getMessage());
            if (why.contains("/usr/bin/lpr")) {
                why = "缺少 lpr 命令（请安装 cups-bsd）";
            }
            throw fail(Kind.DEVICE_FAULT, "提交打印任务失败：" + why);
        }
    }

    private int awaitListed(String queue, String jobName) throws DeviceException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOB_APPEARS_MILLIS);
        while (true) {
            Optional<CupsClient.JobStatus> j = ask(() -> cups.findJob(queue, jobName));
            if (j.isPresent()) {
                return j.get().id();
            }
            if (System.nanoTime() > deadline) {
                throw fail(Kind.NOT_ANSWERING, "打印任务已交给 lpr，但打印服务里找不到它：请检查 CUPS 日志（/var/log/cups/error_log）");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * The pages a job has done, as told to the caller: only what CUPS counted, never going back (a count
     * read mid-update must not make the screen jump back). CUPS counts a page when its filters hand it on
     * to the printer (with cups-pdf all pages are counted some 700 ms before the PDF is written), so the
     * last page counts as done only when CUPS says the whole job is: "all pages done" means done.
     */
    private final class PagesDone {
        private final Progress progress;
        private final int total;
        private int told = -1;
        /** The counts CUPS gave before the end, for the log: whether it reported pages as they went. */
        final java.util.List<Integer> heard = new java.util.ArrayList<>();

        PagesDone(Progress progress, int total) {
            this.progress = progress;
            this.total = total;
        }

        void cups(int done) {
            if (done > 0 && (heard.isEmpty() || heard.get(heard.size() - 1) != done)) {
                heard.add(done);
            }
            report(Math.min(done, total - 1));
        }

        void report(int done) {
            int d = Math.min(Math.max(done, 0), total);
            if (d <= told) {
                return;
            }
            told = d;
            try {
                progress.pages(d, total);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name() + ": the progress listener failed", e);
            }
        }
    }

    /** Waits for the job to finish; gives it up (and cancels it) on a paused printer or at the timeout. */
    private void follow(String queue, int id, long start, PagesDone done) throws DeviceException, InterruptedException {
        long deadline = start + options.jobTimeout().toNanos();
        long stoppedSince = 0;
        while (true) {
            CupsClient.JobStatus j = ask(() -> cups.job(queue, id))
                    .orElseThrow(() -> fail(Kind.CLOSED, "打印任务 " + id + " 已从打印服务中删除"));
            if (j.state() != CupsClient.ABORTED && j.state() != CupsClient.CANCELED && j.state() != CupsClient.STOPPED) {
                done.cups(j.pagesDone());
            }
            switch (j.state()) {
                case CupsClient.COMPLETED -> {
                    return;
                }
                case CupsClient.ABORTED -> throw fail(Kind.DEVICE_FAULT, "打印失败：打印机中止了任务 " + id + reason(j));
                case CupsClient.CANCELED -> throw fail(Kind.CLOSED, "打印任务 " + id + " 被取消" + reason(j));
                case CupsClient.STOPPED -> {
                    cancelQuietly(queue, id);
                    throw fail(Kind.DEVICE_FAULT, "打印任务 " + id + " 被打印机停止" + reason(j));
                }
                default -> { }
            }
            Optional<CupsClient.PrinterStatus> p = ask(() -> cups.printer(queue));
            if (p.isPresent() && p.get().stopped()) {
                stoppedSince = stoppedSince == 0 ? System.nanoTime() : stoppedSince;
                if (System.nanoTime() - stoppedSince > options.stoppedGrace().toNanos()) {
                    cancelQuietly(queue, id);
                    String m = p.get().message();
                    String why = m.isEmpty() || CUPS_DEFAULT_MESSAGES.contains(m) ? "" : "（" + m + "）";
                    throw fail(Kind.DEVICE_FAULT, "打印机 " + queue + " 已暂停" + why + "，任务 " + id + " 已取消：请排除故障后恢复打印（cupsenable " + queue + "）");
                }
            } else {
                stoppedSince = 0;
            }
            if (System.nanoTime() > deadline) {
                cancelQuietly(queue, id);
                throw fail(Kind.NOT_ANSWERING, "打印在 " + options.jobTimeout().toSeconds() + " 秒内没有完成，任务 " + id + " 已取消" + reason(j));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** job-state-reasons keywords (RFC 8011 §5.3.8) an administrator may see, in plain words. */
    private static final Map<String, String> JOB_REASONS = Map.of(
            "job-hold-until-specified", "任务被挂起，等待放行",
            "job-queued", "任务在排队",
            "job-printing", "正在打印",
            "printer-stopped", "打印机已暂停",
            "job-canceled-by-user", "被用户取消",
            "job-canceled-by-operator", "被管理员取消",
            "aborted-by-system", "被打印系统中止",
            "document-format-error", "文档格式错误");

    private static String reason(CupsClient.JobStatus j) {
        String r = j.message().isEmpty()
                ? String.join("、", j.reasons().stream().filter(k -> !k.equals("none")).map(k -> JOB_REASONS.getOrDefault(k, k)).toList())
                : j.message();
        return r.isEmpty() ? "" : "（" + r + "）";
    }

    private void cancelQuietly(String queue, int id) throws InterruptedException {
        try {
            cups.cancel(queue, id);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "{0}: could not cancel job {1}: {2}", name(), String.valueOf(id), e.getMessage());
        }
    }

    private interface CupsCall<T> {
        T call() throws IOException, InterruptedException;
    }

    private <T> T ask(CupsCall<T> call) throws DeviceException, InterruptedException {
        try {
            return call.call();
        } catch (CupsClient.CupsDownException e) {
            throw fail(Kind.NOT_ANSWERING, e.getMessage());
        } catch (IOException e) {
            throw fail(Kind.PROTOCOL, "打印服务（CUPS）应答异常：" + e.getMessage());
        }
    }

    private String queue() throws DeviceException {
        if (configuredQueue != null) {
            return configuredQueue;
        }
        PrintService d = PrintServiceLookup.lookupDefaultPrintService();
        if (d == null) {
            throw new DeviceException(Kind.NOT_ANSWERING, "没有设置默认打印机：请用 --printer 指定，或设置默认打印机（lpadmin -d 名称）");
        }
        return d.getName();
    }

    private DeviceException fail(Kind kind, String message) {
        core.count("PrintFailureCount");
        return new DeviceException(kind, message);
    }

    private static Health health(Health.Status status, String code, String detail) {
        return new Health(status, code, detail, Instant.now());
    }
}
