package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.cache.ContractTime;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Outbox;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.UuidV7;
import cn.yzz.kiosk.device.idcard.IdNumbers;
import cn.yzz.kiosk.installer.InstallerException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Synthetic, valid transactions of every type, through the real enqueue path: for acceptance and
 * load tests. The people are made up (check-digit-valid numbers from a village code that does
 * not exist, 999999), so nothing real is ever uploaded by a test.
 */
public final class Simulation {

    /** The transaction types of the contract, in the order they are made. */
    public enum Type { PAYMENT, APPLICATION, PRINT, EVALUATION, CASH_AUDIT }

    private static final String[] SURNAMES = {"陈", "李", "黄", "张", "梁", "林", "刘", "何", "罗", "盘"};
    private static final String[] GIVEN = {"秀英", "伟强", "桂芳", "志明", "美玲", "国华", "丽珍", "建平"};
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final Random random;
    private final Clock clock;
    private final UuidV7 ids;

    public Simulation(long seed, Clock clock) {
        this.random = new Random(seed);
        this.clock = clock;
        this.ids = UuidV7.withClock(clock);
    }

    /** Enqueues {@code n} transactions in the store of {@code dataDir}; returns how many of each type. */
    public static Map<Type, Integer> run(Path dataDir, Clock clock, int n, long seed, String kioskId) throws InstallerException {
        Simulation sim = new Simulation(seed, clock);
        Map<Type, Integer> counts = new EnumMap<>(Type.class);
        try (KioskStore store = Queue.open(dataDir, clock)) {
            Outbox outbox = store.outbox();
            UUID lastPayment = null;
            for (int i = 0; i < n; i++) {
                Type type = Type.values()[i % Type.values().length];
                Transaction t = sim.make(type, i, kioskId, lastPayment);
                outbox.enqueue(t);
                if (type == Type.PAYMENT) {
                    lastPayment = t.id();
                }
                counts.merge(type, 1, Integer::sum);
            }
        } catch (StoreException e) {
            throw Queue.failure("模拟业务没能全部写入", e);
        }
        return counts;
    }

    Transaction make(Type type, int n, String kioskId, UUID ratedTransaction) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.ofHours(8));
        UUID id = ids.nextId();
        String receipt = kioskId + "-" + now.format(DAY) + "-" + String.format("%04d", n + 1);
        String session = "sim-" + n;
        return switch (type) {
            case PAYMENT -> {
                long grade = List.of(180L, 300L, 500L).get(random.nextInt(3));
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("year", String.valueOf(now.getYear()));
                data.put("grade", String.valueOf(grade));
                random.nextBoolean(); // drawn as before, so a seed still makes the same people and grades
                // sync-api.md v1.1: a queued payment says "method": "qr" with "orderId", or "method": "cash" with "cash". A qr
                // payment needs an order the backend made, which a made-up transaction cannot have: every one is cash, and
                // its notes make insertedFen ("every note in the cash box is in exactly one transaction").
                Map<String, Object> cashPart = Map.of("insertedFen", grade * 100, "notes", notes(grade * 100));
                yield new Transaction(id, "payment", "RSJ-0007", now, session, person(), data, grade * 100, Transaction.CASH, null,
                        cashPart, receipt);
            }
            case APPLICATION -> new Transaction(id, "application", "RSJ-0012", now, session, person(),
                    Map.of("phone", "138" + String.format("%08d", random.nextInt(100_000_000))), null, null, receipt);
            case PRINT -> new Transaction(id, "print", "YBJ-0003", now, session, person(), Map.of("copies", "1"), null, null, receipt);
            case EVALUATION -> {
                int level = 1 + random.nextInt(5);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("ratedTransactionId", ratedTransaction == null ? id.toString() : ratedTransaction.toString());
                data.put("level", level);
                data.put("reasons", level <= 2 ? List.of("等待时间长") : List.of());
                yield new Transaction(id, "evaluation", null, now, session, null, data, null, null, null);
            }
            case CASH_AUDIT -> {
                // The shape SqliteCashJournal queues when a cash box is replaced (sync-api.openapi.yaml, cash-audit).
                int fifties = random.nextInt(100_000) % 100;
                int hundreds = random.nextInt(600);
                Map<String, Object> box = new LinkedHashMap<>();
                box.put("cashboxFen", 10_000L * hundreds + 5_000L * fifties);
                box.put("notes", Map.of("10000", hundreds, "5000", fifties));
                box.put("unattributedFen", 0);
                box.put("periodStart", ContractTime.format(now.minusDays(7)));
                box.put("periodEnd", ContractTime.format(now));
                yield new Transaction(id, "cash-audit", null, now, "sim-audit-" + n, null, Map.of(), null, box, null);
            }
        };
    }

    /** The fewest of the usual notes (100, 50, 20, 10 yuan) that make {@code fen}: {"<note value in fen>": count}. */
    static Map<String, Object> notes(long fen) {
        Map<String, Object> out = new LinkedHashMap<>();
        long left = fen;
        for (long note : new long[] {10_000, 5_000, 2_000, 1_000}) {
            if (left >= note) {
                out.put(Long.toString(note), (int) (left / note));
                left %= note;
            }
        }
        if (left != 0) {
            throw new IllegalArgumentException(fen + " fen cannot be paid in notes");
        }
        return out;
    }

    private Person person() {
        LocalDate birth = LocalDate.of(1940 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28));
        String first17 = "999999" + birth.format(DAY) + String.format("%03d", random.nextInt(1000));
        String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
        return new Person(IdNumbers.complete(first17), name);
    }
}
