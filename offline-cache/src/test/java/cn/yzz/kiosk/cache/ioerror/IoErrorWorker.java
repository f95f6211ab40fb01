package cn.yzz.kiosk.cache.ioerror;

import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.Transactions;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A kiosk process whose files stop accepting writes: after opening the store it lowers its own file-size
 * limit (RLIMIT_FSIZE) with prlimit, so SQLite's next write past that size fails with EFBIG, which it
 * reports as SQLITE_IOERR_WRITE. Prints one line per enqueue that was kept ({@code KEPT id}), then what
 * the store said ({@code FAILED kind accepting=...}) and whether the queue can still be read.
 */
public final class IoErrorWorker {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long limitBytes = Long.parseLong(args[1]);
        try (KioskStore store = KioskStore.open(dir, Settings.defaults())) {
            long pid = ProcessHandle.current().pid();
            Process p = new ProcessBuilder("prlimit", "--pid", Long.toString(pid), "--fsize=" + limitBytes)
                    .inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("prlimit failed");
            }
            System.out.println("LIMITED " + limitBytes);
            for (int i = 0; i < 100_000; i++) {
                Transaction t = Transactions.payment(i, i);
                try {
                    store.outbox().enqueue(t);
                    System.out.println("KEPT " + t.id());
                } catch (StoreException e) {
                    System.out.println("FAILED " + e.kind() + " accepting=" + store.acceptingWork() + " id=" + t.id());
                    System.out.println("MESSAGE " + e.getMessage().replace('\n', ' '));
                    break;
                }
            }
            try {
                store.outbox().enqueue(Transactions.payment(200_000, 200_000));
                System.out.println("SECOND enqueue accepted");
            } catch (StoreException e) {
                System.out.println("SECOND " + e.kind());
            }
            System.out.println("READABLE " + store.outbox().peekDue(Instant.parse("2100-01-01T00:00:00Z"), 1_000_000).size());
        } catch (StoreException e) {
            System.out.println("CLOSE " + e.kind()); // closing may fail too: the disk is still refusing
        }
        System.out.flush();
    }
}
