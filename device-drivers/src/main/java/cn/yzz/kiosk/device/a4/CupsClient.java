package cn.yzz.kiosk.device.a4;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks CUPS about printers and jobs over IPP. The JDK submits jobs through {@code lpr} and cannot
 * say what became of them, so this is how the driver follows a job to the end. Every call blocks
 * for at most {@link #TIMEOUT}; call it from the device thread.
 */
final class CupsClient {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    // Job states (RFC 8011 §5.3.7)
    static final int PENDING = 3;
    static final int STOPPED = 6;
    static final int CANCELED = 7;
    static final int ABORTED = 8;
    static final int COMPLETED = 9;

    // Printer states (RFC 8011 §5.4.12)
    static final int PRINTER_PROCESSING = 4;
    static final int PRINTER_STOPPED = 5;

    /** What CUPS says about a queue. */
    record PrinterStatus(String queue, int state, boolean accepting, List<String> reasons, String message, int queuedJobs) {
        boolean stopped() {
            return state == PRINTER_STOPPED;
        }
    }

    /**
     * What CUPS says about a job.
     *
     * @param pagesDone {@code job-impressions-completed} (RFC 8011 §5.3.18.2): the pages CUPS has counted as
     *                  printed, from the {@code PAGE:} lines its filters and backend write (or from an IPP printer's
     *                  own count); {@code job-media-sheets-completed} when a server gives only that; 0 when neither
     */
    record JobStatus(int id, String name, int state, List<String> reasons, String message, int pagesDone) {}

    private final URI server;
    private final HttpClient http;
    private final String user = System.getProperty("user.name", "kiosk");
    private final AtomicInteger requestIds = new AtomicInteger();

    /** @param server e.g. {@code http://localhost:631} */
    CupsClient(URI server) {
        this.server = server;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    /** Empty when CUPS does not know the queue. */
    Optional<PrinterStatus> printer(String queue) throws IOException, InterruptedException {
        IppMessage r = call("/printers/" + path(queue), IppMessage.GET_PRINTER_ATTRIBUTES, List.of(
                IppMessage.Attribute.of("printer-uri", IppMessage.URI, printerUri(queue)),
                IppMessage.Attribute.of("requested-attributes", IppMessage.KEYWORD, "printer-state", "printer-state-reasons",
                        "printer-state-message", "printer-is-accepting-jobs", "queued-job-count")));
        if (r.code() == NOT_FOUND) {
            return Optional.empty();
        }
        requireSuccess(r, "查询打印机 " + queue);
        return Optional.of(printerStatus(queue, r));
    }

    /**
     * The newest job of {@code queue} named {@code jobName}, if CUPS has it. Unfinished jobs are
     * asked for first: a job just handed over is nearly always one, and CUPS caps each answer at
     * 500 jobs, so a long history of finished ones could hide it.
     */
    Optional<JobStatus> findJob(String queue, String jobName) throws IOException, InterruptedException {
        Optional<JobStatus> waiting = findJob(queue, jobName, "not-completed");
        return waiting.isPresent() ? waiting : findJob(queue, jobName, "completed");
    }

    private Optional<JobStatus> findJob(String queue, String jobName, String which) throws IOException, InterruptedException {
        IppMessage r = call("/printers/" + path(queue), IppMessage.GET_JOBS, List.of(
                IppMessage.Attribute.of("printer-uri", IppMessage.URI, printerUri(queue)),
                IppMessage.Attribute.of("which-jobs", IppMessage.KEYWORD, which),
                IppMessage.Attribute.of("requested-attributes", IppMessage.KEYWORD, JOB_ATTRIBUTES.toArray())));
        if (r.code() == NOT_FOUND) {
            return Optional.empty();
        }
        requireSuccess(r, "查询打印任务");
        return jobs(r).stream().filter(j -> jobName.equals(j.name())).max((a, b) -> Integer.compare(a.id(), b.id()));
    }

    static List<JobStatus> jobs(IppMessage r) {
        return r.groups(IppMessage.JOB).stream().map(CupsClient::job).toList();
    }

    /** A Get-Printer-Attributes answer for {@code queue}. */
    static PrinterStatus printerStatus(String queue, IppMessage r) throws IppException {
        IppMessage.Group p = r.group(IppMessage.PRINTER).orElseThrow(() -> new IppException("CUPS 的应答里没有打印机属性"));
        return new PrinterStatus(queue, p.integer("printer-state").orElse(0), p.bool("printer-is-accepting-jobs").orElse(false),
                p.strings("printer-state-reasons"), p.string("printer-state-message").orElse(""), p.integer("queued-job-count").orElse(0));
    }

    /** Empty when CUPS no longer knows the job. */
    Optional<JobStatus> job(String queue, int id) throws IOException, InterruptedException {
        IppMessage r = call("/jobs/" + id, IppMessage.GET_JOB_ATTRIBUTES, List.of(
                IppMessage.Attribute.of("printer-uri", IppMessage.URI, printerUri(queue)),
                IppMessage.Attribute.of("job-id", IppMessage.INTEGER, id),
                IppMessage.Attribute.of("requested-attributes", IppMessage.KEYWORD, JOB_ATTRIBUTES.toArray())));
        if (r.code() == NOT_FOUND) {
            return Optional.empty();
        }
        requireSuccess(r, "查询打印任务 " + id);
        return r.group(IppMessage.JOB).map(CupsClient::job);
    }

    /** Cancels a job this user submitted, so a print nobody waits for does not come out later. */
    void cancel(String queue, int id) throws IOException, InterruptedException {
        IppMessage r = call("/jobs/" + id, IppMessage.CANCEL_JOB, List.of(
                IppMessage.Attribute.of("printer-uri", IppMessage.URI, printerUri(queue)),
                IppMessage.Attribute.of("job-id", IppMessage.INTEGER, id)));
        requireSuccess(r, "取消打印任务 " + id);
    }

    private static final int NOT_FOUND = 0x0406;
    private static final List<String> JOB_ATTRIBUTES = List.of("job-id", "job-name", "job-state", "job-state-reasons",
            "job-printer-state-message", "job-impressions-completed", "job-media-sheets-completed");

    private static JobStatus job(IppMessage.Group g) {
        int pages = g.integer("job-impressions-completed").or(() -> g.integer("job-media-sheets-completed")).orElse(0);
        return new JobStatus(g.integer("job-id").orElse(0), g.string("job-name").orElse(""), g.integer("job-state").orElse(0),
                g.strings("job-state-reasons"), g.string("job-printer-state-message").orElse(""), Math.max(0, pages));
    }

    private IppMessage call(String path, int operation, List<IppMessage.Attribute> attributes) throws IOException, InterruptedException {
        List<IppMessage.Attribute> op = new ArrayList<>(List.of(
                IppMessage.Attribute.of("attributes-charset", IppMessage.CHARSET, "utf-8"),
                IppMessage.Attribute.of("attributes-natural-language", IppMessage.LANGUAGE, "zh-cn")));
        op.addAll(attributes);
        op.add(IppMessage.Attribute.of("requesting-user-name", IppMessage.NAME, user));
        int id = requestIds.incrementAndGet();
        byte[] body = IppCodec.encode(new IppMessage(IppMessage.VERSION_2_0, operation, id,
                List.of(new IppMessage.Group(IppMessage.OPERATION, op))));
        HttpRequest request = HttpRequest.newBuilder(server.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/ipp").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new CupsDownException("打印服务（CUPS）没有运行：连不上 " + server, e);
        }
        if (response.statusCode() != 200) {
            throw new IppException("CUPS 返回 HTTP " + response.statusCode());
        }
        IppMessage r = IppCodec.decode(response.body());
        if (r.requestId() != id) {
            throw new IppException("CUPS 应答的请求号 " + r.requestId() + " 与请求 " + id + " 不符");
        }
        return r;
    }

    private static void requireSuccess(IppMessage r, String what) throws IppException {
        if (!r.successful()) {
            String message = r.group(IppMessage.OPERATION).flatMap(g -> g.string("status-message")).orElse("");
            throw new IppException(what + "失败：CUPS 状态 0x" + Integer.toHexString(r.code()) + (message.isEmpty() ? "" : "（" + message + "）"));
        }
    }

    private String printerUri(String queue) {
        return "ipp://" + server.getHost() + ":" + (server.getPort() < 0 ? 631 : server.getPort()) + "/printers/" + path(queue);
    }

    private static String path(String queue) {
        return URLEncoder.encode(queue, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Nothing listens where CUPS should. */
    static final class CupsDownException extends IOException {
        CupsDownException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
