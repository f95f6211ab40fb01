package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** The offline queue of a kiosk's data directory, for {@code kioskctl queue …} and {@code simulate}. */
public final class Queue {

    private Queue() {}

    /** Opens the store in {@code dataDir}; a directory that does not exist is a usage error, not a new kiosk. */
    public static KioskStore open(Path dataDir, Clock clock) throws InstallerException {
        if (!Files.isDirectory(dataDir)) {
            throw new InstallerException(ExitCodes.USAGE, "数据目录不存在：" + dataDir + "（用 --data-dir 指定终端的数据目录，例如 /var/lib/yzz-kiosk）");
        }
        try {
            return KioskStore.open(dataDir, Settings.defaults().withClock(clock));
        } catch (StoreException e) {
            throw failure("打不开终端的数据库", e);
        }
    }

    public static QueueStatus status(Path dataDir, Clock clock) throws InstallerException {
        try (KioskStore store = open(dataDir, clock)) {
            return store.outbox().status(clock.instant());
        } catch (StoreException e) {
            throw failure("读不了离线队列", e);
        }
    }

    public static List<OutboxEntry> list(Path dataDir, Clock clock, int max) throws InstallerException {
        try (KioskStore store = open(dataDir, clock)) {
            return store.outbox().list(max);
        } catch (StoreException e) {
            throw failure("读不了离线队列", e);
        }
    }

    /** @return false when no blocked entry has that id */
    public static boolean unblock(Path dataDir, Clock clock, UUID id) throws InstallerException {
        try (KioskStore store = open(dataDir, clock)) {
            return store.outbox().unblock(id);
        } catch (StoreException e) {
            if (e.kind() == StoreException.Kind.STATE) {
                return false; // no such entry: the same answer as an entry that is not blocked
            }
            throw failure("无法解除阻塞", e);
        }
    }

    static InstallerException failure(String what, StoreException e) {
        String why = switch (e.kind()) {
            case DISK_FULL -> "磁盘已满：清理空间后再试，数据没有丢失";
            case IO -> "读写出错：检查磁盘，数据库没有被改动";
            case CORRUPT -> "数据库损坏，已另存一份并报告：联系县里的运维";
            case STATE -> e.getMessage();
        };
        return new InstallerException(ExitCodes.FAILURE, what + "：" + why, e);
    }
}
