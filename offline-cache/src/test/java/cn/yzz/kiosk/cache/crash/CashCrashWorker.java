package cn.yzz.kiosk.cache.crash;

import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.CashJournal.CashPayment;
import cn.yzz.kiosk.cache.CashJournal.Ending;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.Transactions;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

/**
 * The child JVM of {@link CashCrashTest}: a kiosk taking cash payments as fast as it can, never stopping on its
 * own (the test kills it with SIGKILL). At start it ends what the last one left open, as the kiosk's start-up
 * reconciliation does (a note in escrow handed back, then settled RECOVERED). Each line it prints follows the
 * commit it names, as the screen would: {@code OPEN id}, {@code CREDIT id valueFen}, {@code SETTLED id state},
 * {@code UNATTRIBUTED valueFen}, {@code AUDIT id}.
 *
 * <p>Arguments: data directory, seed.
 */
public final class CashCrashWorker {

    static final String KIOSK = "WJ-0042";
    private static final long[] NOTES = {500, 1000, 2000, 5000, 10000};

    private CashCrashWorker() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        KioskStore store = KioskStore.open(dataDir, Settings.defaults());
        CashJournal cash = store.cash();
        for (CashPayment p : cash.unfinished()) {
            if (p.escrow() != null) {
                cash.returned(p.transactionId(), "cleared from the front at power-up");
            }
            CashPayment ended = cash.settle(p.transactionId(), KIOSK, Ending.RECOVERED);
            say(out, "SETTLED " + ended.transactionId() + " " + ended.state());
        }
        say(out, "READY");
        for (int n = 0; ; n++) {
            long due = (1 + random.nextInt(60)) * 500L;
            Transaction draft = Transactions.cashDraft(n, due);
            cash.open(draft);
            say(out, "OPEN " + draft.id());
            long credited = 0;
            int notes = 1 + random.nextInt(5);
            for (int i = 0; i < notes && credited < due; i++) {
                long value = NOTES[random.nextInt(NOTES.length)];
                int channel = 1 + random.nextInt(NOTES.length);
                cash.escrowed(draft.id(), channel, value);
                if (random.nextInt(8) == 0) {
                    cash.returned(draft.id(), "面额不收");
                    continue;
                }
                credited = cash.credited(draft.id(), channel, value).creditedFen();
                say(out, "CREDIT " + draft.id() + " " + value);
            }
            Ending why = credited >= due ? Ending.ENOUGH : random.nextBoolean() ? Ending.CANCELLED : Ending.TIMED_OUT;
            CashPayment ended = cash.settle(draft.id(), KIOSK, why);
            say(out, "SETTLED " + draft.id() + " " + ended.state());
            if (random.nextInt(6) == 0) {
                long value = NOTES[random.nextInt(NOTES.length)];
                cash.unattributed(0, value, "cleared into the cash box at power-up");
                say(out, "UNATTRIBUTED " + value);
            }
            if (random.nextInt(15) == 0) {
                cash.cashboxRemoved();
                Transaction audit = cash.cashboxReplaced(KIOSK);
                say(out, "AUDIT " + audit.id());
            }
        }
    }

    private static void say(PrintStream out, String line) {
        out.println(line);
        out.flush();
    }
}
