package cn.yzz.kiosk.cache.sync;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * Sends the kiosk's diagnostics bundle when the county asks for it in a heartbeat answer ({@value #COMMAND},
 * {@code POST /api/v1/diagnostics}, sync-api.md v1.1). The request is kept in {@code DATA/}{@value #FILE} until the
 * bundle has arrived, so a restart does not forget it; each heartbeat the backend answers tries again. A 413 halves
 * the size asked of the bundle for the next try (down to {@link #SMALLEST}); an outage or a busy backend keeps it as
 * it is. After {@link #MAX_TRIES} tries that reached the backend but failed, or when the backend refuses the bundle
 * itself (400, 415), the request is dropped and logged: the county can ask again.
 *
 * <p>The bundle is made by the caller's {@code bundle} function (the admin module's diagnostics bundle), asked for
 * at most so many bytes. Building and sending run on the {@code kiosk-diagnostics} thread, never on the sync thread:
 * 5 MB take minutes on a slow village line. Add it to the sync engine as a listener.
 */
public final class DiagnosticsUpload implements SyncListener {

    /** The heartbeat command that asks for a bundle. */
    public static final String COMMAND = "upload-diagnostics";
    static final String FILE = "diagnostics-request.properties";
    /** Below this a bundle says too little to be worth sending. */
    static final int SMALLEST = 64 * 1024;
    static final int MAX_TRIES = 10;

    private static final System.Logger LOG = System.getLogger(DiagnosticsUpload.class.getName());

    /** What sends a bundle and returns its {@code diagnosticsId}: {@link BackendClient#uploadDiagnostics}. */
    @FunctionalInterface
    public interface Sender {
        String send(byte[] zip) throws BackendException;
    }

    /** A request not yet fulfilled: the largest bundle to send next, and the tries that failed so far. */
    public record Pending(int limitBytes, int tries) {}

    private final Path file;
    private final Sender sender;
    private final IntFunction<byte[]> bundle;
    private final Executor executor;
    private final AtomicBoolean underWay = new AtomicBoolean();
    private volatile String lastId;

    /**
     * @param dataDir where the request is kept ({@value #FILE})
     * @param bundle  makes a bundle of at most the given number of bytes (a zip); may throw or return null when it
     *                cannot, and is asked again at the next heartbeat
     */
    public DiagnosticsUpload(Path dataDir, Sender sender, IntFunction<byte[]> bundle) {
        this(dataDir, sender, bundle, ownThread());
    }

    DiagnosticsUpload(Path dataDir, Sender sender, IntFunction<byte[]> bundle, Executor executor) {
        this.file = dataDir.resolve(FILE);
        this.sender = Objects.requireNonNull(sender, "sender");
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    private static Executor ownThread() {
        ThreadPoolExecutor e = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "kiosk-diagnostics");
            t.setDaemon(true);
            return t;
        });
        e.allowCoreThreadTimeOut(true); // no thread while there is nothing to send
        return e;
    }

    @Override
    public void stateChanged(SyncState state) {}

    @Override
    public void command(String type) {
        if (COMMAND.equals(type)) {
            requested();
        }
    }

    @Override
    public void heartbeatDone(boolean answered) {
        if (answered && pending().isPresent() && underWay.compareAndSet(false, true)) {
            executor.execute(() -> {
                try {
                    attempt();
                } finally {
                    underWay.set(false);
                }
            });
        }
    }

    /** The county asked for a bundle: kept until one has arrived (a size a 413 taught is kept too). */
    public synchronized void requested() {
        int limit = pending().map(Pending::limitBytes).orElse(BackendClient.MAX_DIAGNOSTICS_BYTES);
        save(new Pending(limit, 0));
        LOG.log(System.Logger.Level.INFO, "the county backend asks for the diagnostics bundle (at most {0} bytes)", limit);
    }

    /** The request waiting for the next heartbeat, if any. */
    public synchronized Optional<Pending> pending() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            int limit = Integer.parseInt(p.getProperty("limitBytes", "").strip());
            int tries = Integer.parseInt(p.getProperty("tries", "0").strip());
            return Optional.of(new Pending(Math.min(limit, BackendClient.MAX_DIAGNOSTICS_BYTES), tries));
        } catch (IOException | IllegalArgumentException e) {
            // A damaged request is still a request: start again from the full size.
            LOG.log(System.Logger.Level.WARNING, "{0} cannot be read ({1}); asking for a full bundle", file, e.getMessage());
            return Optional.of(new Pending(BackendClient.MAX_DIAGNOSTICS_BYTES, 0));
        }
    }

    /** The {@code diagnosticsId} of the last bundle this kiosk sent since it started, if any. */
    public Optional<String> lastId() {
        return Optional.ofNullable(lastId);
    }

    /** One try: make the bundle, send it, and keep, shrink or drop the request by the answer. */
    void attempt() {
        Optional<Pending> request = pending();
        if (request.isEmpty()) {
            return;
        }
        Pending p = request.get();
        byte[] zip;
        try {
            zip = bundle.apply(p.limitBytes());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the diagnostics bundle could not be made; trying at the next heartbeat", e);
            failed(p, p.limitBytes());
            return;
        }
        if (zip == null || zip.length == 0 || zip.length > p.limitBytes()) {
            LOG.log(System.Logger.Level.WARNING, "the diagnostics bundle is {0} bytes, asked for 1..{1}; trying at the next "
                    + "heartbeat", zip == null ? "missing" : zip.length, p.limitBytes());
            failed(p, p.limitBytes());
            return;
        }
        try {
            String id = sender.send(zip);
            lastId = id;
            done();
            LOG.log(System.Logger.Level.INFO, "diagnostics bundle of {0} bytes sent: diagnosticsId {1}", zip.length, id);
        } catch (BackendException e) {
            switch (e.kind()) {
                case CLIENT -> {
                    if (e.status() == 413) {
                        LOG.log(System.Logger.Level.INFO, "the backend found the diagnostics bundle of {0} bytes too large; "
                                + "a smaller one goes at the next heartbeat", zip.length);
                        failed(p, Math.min(p.limitBytes(), zip.length) / 2);
                    } else {
                        LOG.log(System.Logger.Level.WARNING, "the backend refused the diagnostics bundle ({0}); not sending it "
                                + "again until asked", e.getMessage());
                        done();
                    }
                }
                // 201 with an answer off the contract: the bundle has arrived, only its id is unknown.
                case MALFORMED -> {
                    done();
                    LOG.log(System.Logger.Level.WARNING, "diagnostics bundle sent; the answer had no usable id: {0}", e.getMessage());
                }
                default -> {
                    LOG.log(System.Logger.Level.INFO, "diagnostics bundle not sent ({0}); trying at the next heartbeat",
                            e.getMessage());
                    failed(p, p.limitBytes());
                }
            }
        }
    }

    private synchronized void failed(Pending was, int nextLimit) {
        if (pending().isEmpty()) {
            return; // fulfilled or dropped meanwhile
        }
        if (nextLimit < SMALLEST || was.tries() + 1 >= MAX_TRIES) {
            LOG.log(System.Logger.Level.WARNING, "giving up the diagnostics request after {0} tries (the last one at most {1} "
                    + "bytes); the county can ask again", was.tries() + 1, was.limitBytes());
            done();
            return;
        }
        save(new Pending(nextLimit, was.tries() + 1));
    }

    private synchronized void done() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove {0}: {1}", file, e.getMessage());
        }
    }

    private void save(Pending p) {
        Properties props = new Properties();
        props.setProperty("limitBytes", Integer.toString(p.limitBytes()));
        props.setProperty("tries", Integer.toString(p.tries()));
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                props.store(w, "the county asked for the diagnostics bundle; removed once it has arrived");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // Not kept: the county must ask again (a full disk is on the console's 设备 page already).
            LOG.log(System.Logger.Level.WARNING, "cannot keep the diagnostics request in {0}: {1}", file, e.getMessage());
        }
    }
}
