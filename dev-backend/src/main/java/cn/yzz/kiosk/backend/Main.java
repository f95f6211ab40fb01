package cn.yzz.kiosk.backend;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./kiosk backend [--port N] [--data DIR] [--enroll-code CODE]… [--faults SPEC] [--catalog FILE]
 * [--payment-expiry SECONDS] [--query-knobs SPEC] [--tls]}: runs until Ctrl-C.
 */
public final class Main {
    private static final String USAGE = "usage: ./kiosk backend [--port N] [--data DIR] [--enroll-code CODE]... [--faults SPEC]\n"
            + "                       [--catalog FILE] [--payment-expiry SECONDS] [--query-knobs SPEC] [--tls]\n"
            + "  --port N                  listen on 127.0.0.1:N (default 8080; 0 for any free port)\n"
            + "  --data DIR                keep the database and received diagnostics in DIR (default: a new temp folder)\n"
            + "  --enroll-code CODE        accept this enrollment code (repeatable; default: one fresh code, printed)\n"
            + "  --faults SPEC             injected faults, e.g. delay=200ms,error-rate=0.2,429=0.1,503=0.1,retry-after=2,\n"
            + "                            drop-before-commit=0.1,drop-after-commit=0.3,malformed=0.1,slow-body=0.1,\n"
            + "                            slow-body-time=2s,seed=42,only=transactions:batch|heartbeat,max-rps=50\n"
            + "  --catalog FILE            serve this county catalogue (a JSON object with a \"services\" list)\n"
            + "                            instead of the kiosk's bundled one\n"
            + "  --payment-expiry SECONDS  a pending QR payment order expires after this long (default 300)\n"
            + "  --query-knobs SPEC        make service queries misbehave, e.g. delay=8s,answer=error,service=RSJ-0003\n"
            + "                            (answer: normal, error, malformed, ragged; PUT /dev/query-knobs changes them later)\n"
            + "  --tls                     HTTPS with a self-signed certificate kept in the data directory (tls.p12);\n"
            + "                            prints the pin to enroll with: kioskctl enroll --pin sha256/...\n"
            + "  QR orders' payUrl is http://127.0.0.1:PORT/dev/pay/ORDER: opening it pays the order (a sandbox).\n"
            + "  A query's verifyCode is http://127.0.0.1:PORT/dev/verify/CODE: its page says whether the printout is genuine.";

    private Main() {}

    /** The parsed command line. */
    record Options(int port, Path data, List<String> codes, FaultSettings faults, Path catalog, Duration paymentExpiry,
            QueryKnobs queryKnobs, boolean tls, boolean help) {}

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("dev-backend: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (o.help()) {
            System.out.println(USAGE);
            return;
        }
        List<String> codes = new ArrayList<>(o.codes());
        if (codes.isEmpty()) {
            codes.add(freshCode());
        }
        DevBackend backend;
        SelfSignedTls tls = null;
        try {
            DevBackend.Settings settings = DevBackend.Settings.defaults().withPort(o.port()).withDataDir(o.data())
                    .withEnrollCodes(codes).withFaults(o.faults()).withCatalog(o.catalog()).withPaymentExpiry(o.paymentExpiry())
                    .withQueryKnobs(o.queryKnobs());
            if (o.tls()) {
                Path dir = o.data() != null ? o.data() : java.nio.file.Files.createTempDirectory("dev-backend");
                tls = SelfSignedTls.inDirectory(dir);
                settings = settings.withDataDir(dir).withTls(tls.context());
            }
            backend = DevBackend.start(settings);
        } catch (IllegalArgumentException e) {
            System.err.println("dev-backend: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            backend.close();
            stopped.countDown();
        }, "dev-backend-shutdown"));
        System.out.println("dev-backend listening on " + backend.url() + "  (endpoints under /api/v1)");
        System.out.println("data directory: " + backend.dataDir() + (o.data() == null ? " (temporary)" : ""));
        if (tls != null) {
            System.out.println("TLS pin (self-signed, kept in " + backend.dataDir().resolve(SelfSignedTls.FILE) + "): " + tls.pin());
        }
        for (String c : codes) {
            System.out.println("enrollment code: " + c);
        }
        System.out.println("catalogue: " + (o.catalog() == null ? "the kiosk's bundled catalogue" : o.catalog()));
        System.out.println("QR orders expire after " + o.paymentExpiry().toSeconds() + " s; payUrl " + backend.url()
                + "/dev/pay/ORDER pays one");
        System.out.println("faults: " + (o.faults().equals(FaultSettings.none()) ? "none" : o.faults()));
        System.out.println("query knobs: " + (o.queryKnobs().isNone() ? "none" : o.queryKnobs()) + " (PUT " + backend.url()
                + "/dev/query-knobs changes them)");
        System.out.println("test 粤省事码: " + YssCodes.valid().size() + " that resolve, e.g. " + YssCodes.CHEN_ZHIQIANG
                + " (陈志强); " + YssCodes.EXPIRED + " is expired");
        System.out.println("Ctrl-C stops it.");
        System.out.flush();
        stopped.await();
    }

    /** Parses the options; IllegalArgumentException names what is wrong. */
    static Options parse(String[] args) {
        int port = 8080;
        Path data = null;
        List<String> codes = new ArrayList<>();
        FaultSettings faults = FaultSettings.none();
        Path catalog = null;
        Duration paymentExpiry = DevBackend.Settings.defaults().paymentExpiry();
        QueryKnobs queryKnobs = QueryKnobs.none();
        boolean tls = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> {
                    String v = value(args, ++i);
                    try {
                        port = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port: '" + v + "' is not a number", e);
                    }
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("--port: " + port + " is not a TCP port");
                    }
                }
                case "--data" -> data = Path.of(value(args, ++i));
                case "--enroll-code" -> codes.add(value(args, ++i));
                case "--faults" -> faults = FaultSettings.parse(value(args, ++i));
                case "--catalog" -> catalog = Path.of(value(args, ++i));
                case "--payment-expiry" -> {
                    String v = value(args, ++i);
                    long seconds;
                    try {
                        seconds = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--payment-expiry: '" + v + "' is not a whole number of seconds", e);
                    }
                    if (seconds < 1) {
                        throw new IllegalArgumentException("--payment-expiry: at least 1 second, got " + seconds);
                    }
                    paymentExpiry = Duration.ofSeconds(seconds);
                }
                case "--query-knobs" -> queryKnobs = QueryKnobs.parse(value(args, ++i));
                case "--tls" -> tls = true;
                case "-h", "--help" -> {
                    return new Options(port, data, codes, faults, catalog, paymentExpiry, queryKnobs, tls, true);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new Options(port, data, List.copyOf(codes), faults, catalog, paymentExpiry, queryKnobs, tls, false);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** A code like 7K3Q-92XD, from letters and digits that cannot be misread (no 0/O, 1/I). */
    static String freshCode() {
        String alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        SecureRandom r = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                b.append('-');
            }
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
