package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.admin.AdminPin;
import cn.yzz.kiosk.admin.DiagnosticsBundle;
import cn.yzz.kiosk.admin.LogBook;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.store.AuditLog;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * County IT's administrator tools over SSH ({@code kioskctl admin set-pin}, {@code diagnostics}, {@code logs},
 * {@code audit}); each is recorded in the kiosk's audit log as done by {@code kioskctl:<the Unix user>}.
 */
public final class AdminTools {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.installer");

    /** What a {@code diagnostics} run wrote. */
    public record Written(Path file, long bytes, boolean logsTrimmed) {}

    private AdminTools() {}

    /** Who the audit log names: the user behind sudo when there is one, else this process's user. */
    public static String who() {
        String sudo = System.getenv("SUDO_USER");
        return "kioskctl:" + (sudo != null && !sudo.isBlank() ? sudo : System.getProperty("user.name"));
    }

    /** Sets the console PIN when both entries agree and it is not too easy; clears both. */
    public static void setPin(Path dataDir, Clock clock, char[] first, char[] second) throws InstallerException {
        try (KioskStore store = Queue.open(dataDir, clock)) {
            try {
                if (!Arrays.equals(first, second)) {
                    record(store, "设置管理员密码", "失败：两次输入不一致");
                    throw new InstallerException(ExitCodes.FAILURE, "两次输入的密码不一样，密码没有改。请重新运行 kioskctl admin set-pin");
                }
                try {
                    new AdminPin(dataDir, clock, new SecureRandom()).set(first);
                } catch (IllegalArgumentException e) {
                    record(store, "设置管理员密码", "失败：" + e.getMessage());
                    throw new InstallerException(ExitCodes.FAILURE, e.getMessage() + "。密码没有改");
                } catch (IOException e) {
                    record(store, "设置管理员密码", "失败：写不了密码文件");
                    throw new InstallerException(ExitCodes.FAILURE, "写不了 " + dataDir.resolve(AdminPin.FILE) + "（" + e.getMessage()
                            + "）：检查数据目录的权限和磁盘空间。密码没有改", e);
                }
                record(store, "设置管理员密码", "成功");
            } finally {
                Arrays.fill(first, '\0');
                Arrays.fill(second, '\0');
            }
        } catch (StoreException e) {
            throw Queue.failure("关闭数据库时出错", e);
        }
    }

    /** Writes the diagnostics bundle to {@code out}: a file, or a folder to put it in under its own name. */
    public static Written diagnostics(Path dataDir, Path config, Path out, Clock clock, String appVersion) throws InstallerException {
        try (KioskStore store = Queue.open(dataDir, clock)) {
            DiagnosticsBundle bundle = new DiagnosticsBundle(dataDir, store, clock).withVersions(appVersion, null);
            if (config != null) {
                bundle.withDeviceConfig(config);
            }
            Written w;
            try {
                if (Files.isDirectory(out)) {
                    Path file = bundle.writeTo(out, DiagnosticsBundle.UPLOAD_MAX_BYTES);
                    w = new Written(file, Files.size(file), false);
                } else {
                    DiagnosticsBundle.Made made = bundle.make(DiagnosticsBundle.UPLOAD_MAX_BYTES);
                    DiagnosticsBundle.save(out, made.zip());
                    w = new Written(out, made.size(), made.logsTrimmed());
                }
            } catch (IOException e) {
                record(store, "导出诊断包", "失败：" + e.getClass().getSimpleName());
                throw new InstallerException(ExitCodes.FAILURE, "诊断包没有写成（" + e.getMessage() + "）：检查 --out 的目录是否存在、可写、有空间", e);
            }
            record(store, "导出诊断包到 " + w.file().toAbsolutePath(), "成功，" + w.bytes() / 1024 + " KB");
            return w;
        } catch (StoreException e) {
            throw Queue.failure("关闭数据库时出错", e);
        }
    }

    /** The log's records the filter keeps, oldest first, masked. */
    public static List<LogBook.Entry> logs(Path dataDir, Clock clock, LogBook.Filter filter) throws InstallerException {
        try (KioskStore store = Queue.open(dataDir, clock)) {
            List<LogBook.Entry> entries;
            try {
                // In the clock's zone: the system's, as the kiosk wrote the log in (tests give China's).
                entries = new LogBook(dataDir.resolve(LogBook.FILE), clock.getZone()).oldestFirst(filter);
            } catch (IOException e) {
                throw new InstallerException(ExitCodes.FAILURE, "读不了日志 " + dataDir.resolve(LogBook.FILE) + "（" + e.getMessage() + "）", e);
            }
            record(store, "查看日志" + (filter.atLeast() == null ? "" : "（" + LogBook.words(filter.atLeast()) + "及以上）")
                    + (filter.since() == null ? "" : "（" + filter.since() + " 以来）"), "成功，" + entries.size() + " 条");
            return entries;
        } catch (StoreException e) {
            throw Queue.failure("关闭数据库时出错", e);
        }
    }

    /** The newest {@code max} audit entries, oldest first. */
    public static List<AuditLog.Entry> audit(Path dataDir, Clock clock, int max) throws InstallerException {
        try (KioskStore store = Queue.open(dataDir, clock)) {
            List<AuditLog.Entry> entries = new java.util.ArrayList<>(store.audit().recent(max));
            Collections.reverse(entries);
            record(store, "查看审计记录", "成功，" + entries.size() + " 条");
            return entries;
        } catch (StoreException e) {
            throw Queue.failure("读不了审计记录", e);
        }
    }

    /** An audit entry; a store that cannot take it is logged, not fatal to what was done. */
    private static void record(KioskStore store, String what, String result) {
        try {
            store.audit().record(who(), what, result);
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "audit entry not recorded: " + what, e);
        }
    }
}
