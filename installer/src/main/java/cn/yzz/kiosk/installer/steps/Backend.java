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
import cn.yzz.kiosk.cache.sync.SyncConfig;
import cn.yzz.kiosk.cache.sync.SyncEngine;
import cn.yzz.kiosk.cache.sync.SyncReport;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Enrollment, one sync pass and the status of a kiosk's data directory against its county backend. */
public final class Backend {

    private Backend() {}

    /** What {@code kioskctl status} reports. */
    public record Status(Optional<EnrollmentFile> enrollment, boolean reachable, String reachError, QueueStatus queue,
                         Optional<Duration> clockSkew) {}

    public static Enrollment enroll(Path dataDir, String url, String code, String model, String villageCode, Clock clock)
            throws InstallerException {
        boolean insecure = EnrollmentFile.isLoopback(url);
        SyncConfig config;
        try {
            config = SyncConfig.defaults(url, "", "", insecure);
        } catch (IllegalArgumentException e) {
            throw new InstallerException(ExitCodes.USAGE, "--backend 必须是 https:// 地址（本机测试可用 http://127.0.0.1）：" + url);
        }
        Enrollment e;
        try {
            e = new BackendClient(config, clock).enroll(new EnrollRequest(code, model, villageCode, hardwareId(dataDir), "1.0.0"));
        } catch (BackendException ex) {
            throw new InstallerException(ExitCodes.FAILURE, "注册失败：" + why(ex), ex);
        }
        try {
            new EnrollmentFile(url, e.kioskId(), e.token(), model, villageCode, insecure).save(dataDir);
        } catch (IOException ex) {
            throw new InstallerException(ExitCodes.FAILURE, "注册成功，但无法保存终端编号和令牌：" + ex.getMessage(), ex);
        }
        return e;
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
                BackendClient client = new BackendClient(enrollment.get().syncConfig(backendOverride), clock);
                OffsetDateTime server = client.heartbeat(new HeartbeatSnapshot(List.of(), null), queue, 0).serverTime();
                reachable = true;
                skew = Optional.of(Duration.between(clock.instant(), server.toInstant()));
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
