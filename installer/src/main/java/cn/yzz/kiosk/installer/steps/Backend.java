package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.sync.BackendClient;
import cn.yzz.kiosk.cache.sync.BackendException;
import cn.yzz.kiosk.cache.sync.EnrollRequest;
import cn.yzz.kiosk.cache.sync.Enrollment;
import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.cache.sync.HeartbeatSnapshot;
import cn.yzz.kiosk.cache.sync.Pins;
import cn.yzz.kiosk.cache.sync.SyncConfig;
import cn.yzz.kiosk.cache.sync.SyncEngine;
import cn.yzz.kiosk.cache.sync.SyncReport;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Enrollment, one sync pass and the status of a kiosk's data directory against its county backend. */
public final class Backend {

    private Backend() {}

    /** What {@code kioskctl status} reports. */
    public record Status(Optional<EnrollmentFile> enrollment, boolean reachable, String reachError, QueueStatus queue,
                         Optional<Duration> clockSkew) {}

    /**
     * Enrolls with the backend at {@code url}, trusting it by {@code pins} alone (also for this request), and
     * writes the enrollment only once the backend accepted: a refused or failed enrollment leaves the data
     * directory, and any enrollment already in it, as it was.
     */
    public static Enrollment enroll(Path dataDir, String url, List<String> pins, String code, String model,
                                    String villageCode, Clock clock) throws InstallerException {
        List<String> checked;
        try {
            checked = Pins.checkAll(pins);
        } catch (IllegalArgumentException e) {
            throw new InstallerException(ExitCodes.USAGE, "--pin：" + e.getMessage());
        }
        Optional<String> problem = EnrollmentFile.backendProblem(url, checked);
        if (problem.isPresent()) {
            throw new InstallerException(ExitCodes.USAGE, problem.get());
        }
        boolean insecure = EnrollmentFile.isLoopback(url);
        SyncConfig config = SyncConfig.defaults(url, "", "", insecure).withPins(checked);
        Enrollment e;
        try {
            e = new BackendClient(config, clock).enroll(new EnrollRequest(code, model, villageCode, hardwareId(dataDir), "1.0.0"));
        } catch (BackendException ex) {
            throw new InstallerException(ExitCodes.FAILURE, "注册失败：" + why(ex) + "（数据目录未改动）", ex);
        }
        try {
            new EnrollmentFile(url, e.kioskId(), e.token(), model, villageCode, insecure, checked).save(dataDir);
        } catch (IOException ex) {
            throw new InstallerException(ExitCodes.FAILURE, "注册成功，但无法保存终端编号和令牌：" + ex.getMessage(), ex);
        }
        return e;
    }

    /** One certificate the backend showed: its subject and the pin of its key. */
    public record ShownKey(String subject, String pin) {}

    /**
     * The certificates a backend shows, server's own first, read from the start of a TLS handshake that
     * is then broken off: nothing is trusted and nothing is sent. For the installer to compare with the
     * pin the county gave.
     */
    public static List<ShownKey> shownKeys(String url, Duration timeout) throws InstallerException {
        URI u;
        try {
            u = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new InstallerException(ExitCodes.USAGE, "--backend 不是有效的网址：" + url);
        }
        if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
            throw new InstallerException(ExitCodes.USAGE, "--backend 应是 https:// 地址（http 没有证书可看）：" + url);
        }
        String host = u.getHost().startsWith("[") ? u.getHost().substring(1, u.getHost().length() - 1) : u.getHost();
        int port = u.getPort() < 0 ? 443 : u.getPort();
        ChainReader reader = new ChainReader();
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {reader}, null);
            try (Socket raw = new Socket()) {
                raw.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
                raw.setSoTimeout((int) timeout.toMillis());
                try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(raw, host, port, false)) {
                    s.startHandshake();
                } catch (SSLException expected) {
                    // ChainReader broke the handshake off once it had the chain.
                }
            }
        } catch (IOException e) {
            throw new InstallerException(ExitCodes.NOT_ANSWERING, "连不上 " + host + ":" + port + "：" + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this runtime", e);
        }
        if (reader.chain == null) {
            throw new InstallerException(ExitCodes.NOT_ANSWERING, host + ":" + port + " 没有出示证书（不是 https 服务？）");
        }
        List<ShownKey> keys = new ArrayList<>();
        for (X509Certificate c : reader.chain) {
            keys.add(new ShownKey(c.getSubjectX500Principal().getName(), Pins.of(c.getPublicKey())));
        }
        return keys;
    }

    /** Keeps the chain the server shows and refuses it, which ends the handshake there. */
    private static final class ChainReader implements X509TrustManager {
        volatile X509Certificate[] chain;

        @Override
        public void checkServerTrusted(X509Certificate[] shown, String authType) throws CertificateException {
            chain = shown.clone();
            throw new CertificateException("read only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] shown, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    public static SyncReport syncOnce(Path dataDir, String backendOverride, Clock clock) throws InstallerException {
        EnrollmentFile enrollment = enrollment(dataDir);
        try (KioskStore store = Queue.open(dataDir, clock);
             SyncEngine engine = new SyncEngine(store.outbox(), new BackendClient(enrollment.syncConfig(backendOverride), clock),
                     enrollment.syncConfig(backendOverride), clock, new SecureRandom(), () -> new HeartbeatSnapshot(List.of(), null))) {
            return engine.syncNow(); // an operator's sync: every pending entry now, not only those whose backoff is over
        } catch (StoreException e) {
            throw Queue.failure("无法上传", e);
        }
    }

    public static Status status(Path dataDir, String backendOverride, Clock clock) throws InstallerException {
        Optional<EnrollmentFile> enrollment;
        try {
            enrollment = EnrollmentFile.load(dataDir);
        } catch (IOException e) {
            throw new InstallerException(ExitCodes.FAILURE, "注册信息不可用：" + e.getMessage(), e);
        }
        QueueStatus queue = Queue.status(dataDir, clock);
        boolean reachable = false;
        String error = enrollment.isEmpty() ? "未注册" : "";
        Optional<Duration> skew = Optional.empty();
        if (enrollment.isPresent()) {
            try {
                // Not a heartbeat: that would report a made-up kiosk state and swallow the commands the county
                // queued for the running kiosk (BackendClient.reach says more).
                skew = new BackendClient(enrollment.get().syncConfig(backendOverride), clock).reach();
                reachable = true;
            } catch (BackendException e) {
                error = why(e);
            }
        }
        return new Status(enrollment, reachable, error, queue, skew);
    }

    private static EnrollmentFile enrollment(Path dataDir) throws InstallerException {
        try {
            return EnrollmentFile.load(dataDir).orElseThrow(() -> new InstallerException(ExitCodes.FAILURE,
                    "这个数据目录还没有注册：先运行 kioskctl enroll"));
        } catch (IOException e) {
            throw new InstallerException(ExitCodes.FAILURE, "注册信息不可用：" + e.getMessage(), e);
        }
    }

    static String why(BackendException e) {
        return switch (e.kind()) {
            case TRANSPORT -> "连不上后台（网络、地址或证书）：" + e.getMessage();
            case THROTTLED -> "后台繁忙，请稍后再试";
            case SERVER -> "后台出错：" + e.getMessage();
            case UNAUTHORIZED -> "令牌已失效，需要重新注册";
            case CLIENT -> "后台拒绝了请求：" + e.getMessage();
            case MALFORMED -> "后台的回复不符合约定：" + e.getMessage();
        };
    }

    /** A stable id of this machine, hashed: the machine-id and the data directory (two kiosks on one test box differ). */
    private static String hardwareId(Path dataDir) {
        String machine = "";
        try {
            machine = java.nio.file.Files.readString(Path.of("/etc/machine-id")).strip();
        } catch (IOException | SecurityException e) {
            machine = System.getProperty("user.name", "") + "@" + System.getenv().getOrDefault("HOSTNAME", "");
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((machine + "|" + dataDir.toAbsolutePath()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
