package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.UuidV7;
import cn.yzz.kiosk.device.cash.emu.Credit;
import cn.yzz.kiosk.device.cash.emu.Dataset;
import cn.yzz.kiosk.device.cash.emu.NoteAcceptorEmulator;
import cn.yzz.kiosk.device.cash.emu.NoteStage;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.PtyPair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kioskctl device bill-test} and {@code kioskctl cash …} end to end: picocli → cash desk and SQLite journal →
 * SSP driver → jSerialComm → pty → emulated note validator, with notes put in by a villager's hand on another thread.
 */
class CashCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;
    Path data;
    PtyPair pty;
    NoteAcceptorEmulator emulator;

    @BeforeEach
    void start() throws Exception {
        data = Files.createDirectories(dir.resolve("data"));
        pty = PtyPair.open(dir, "cash");
        emulator = new NoteAcceptorEmulator(LinkOpener.serialPort(pty.deviceEnd().toString()), dir.resolve("nv9.json"),
                Dataset.CNY);
    }

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    String port() {
        return pty.hostEnd().toString();
    }

    /**
     * Puts notes in one after another, each once the unit draws it in (only while enabled and with no other note
     * in its path); 0 for a fake.
     */
    CompletableFuture<Void> hand(long... values) {
        return CompletableFuture.runAsync(() -> {
            for (long v : values) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!(v == 0 ? emulator.insertFake() : emulator.insert(v))) {
                    if (System.nanoTime() > end) {
                        throw new AssertionError("the unit never drew the note in: " + emulator.diagnostics());
                    }
                    sleep(100);
                }
            }
        });
    }

    @Test
    void billTestReportsEachNoteAndHandsEveryOneBack() throws Exception {
        CompletableFuture<Void> villager = hand(10_000, 0, 5_000);
        Cli.Result r = Cli.run("device", "bill-test", "--port", port(), "--seconds", "8", "--json");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(villager).as(r.all() + emulator.diagnostics()).succeedsWithin(5, TimeUnit.SECONDS);
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("serial").asLong()).isEqualTo(1873452);
        assertThat(j.get("protocolVersion").asInt()).isGreaterThanOrEqualTo(6);
        assertThat(j.get("channelsFen").toString()).isEqualTo("[100,500,1000,2000,5000,10000]");
        assertThat(j.get("notes")).hasSize(2);
        assertThat(j.get("notes").get(0).get("valueFen").asLong()).isEqualTo(10_000);
        assertThat(j.get("notes").get(0).get("channel").asInt()).isEqualTo(6);
        assertThat(j.get("notes").get(1).get("valueFen").asLong()).isEqualTo(5_000);
        assertThat(j.get("rejected").asInt()).isEqualTo(1);
        assertThat(emulator.credits()).as("nothing kept").isEmpty();
        assertThat(emulator.state().cashboxNotes()).isZero();
    }

    @Test
    void billTestWithNoNoteExitsThree() throws Exception {
        Cli.Result r = Cli.run("device", "bill-test", "--port", port(), "--seconds", "1", "--json");
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.NO_MEDIA);
        assertThat(JSON.readTree(r.out()).get("notes")).isEmpty();
        assertThat(r.err()).contains("没有放入纸币");
    }

    @Test
    void billTestOnAPortWithNothingOnItSaysTheUnitDoesNotAnswer() throws Exception {
        emulator.close();
        emulator = null;
        Cli.Result r = Cli.run("device", "bill-test", "--port", port(), "--seconds", "1");
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.NOT_ANSWERING);
        assertThat(r.err()).contains("收钞机没有响应");
    }

    @Test
    void cashPayOverpaidEndsPaidWithAVoucherAndTheBoxShowsTheNotes() throws Exception {
        CompletableFuture<Void> villager = hand(10_000, 10_000, 10_000);
        Cli.Result r = Cli.run("cash", "pay", "--port", port(), "--amount-fen", "25000", "--json", "--data-dir",
                data.toString());
        villager.get(5, TimeUnit.SECONDS);

        assertThat(r.exit()).as(r.all()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("status").asText()).isEqualTo("paid");
        assertThat(j.get("dueFen").asLong()).isEqualTo(25_000);
        assertThat(j.get("insertedFen").asLong()).isEqualTo(30_000);
        assertThat(j.get("notes").toString()).isEqualTo("{\"10000\":3}");
        assertThat(j.get("voucherFen").asLong()).isEqualTo(5_000);
        assertThat(j.get("voucherNo").asText()).contains("-Z");
        assertThat(j.get("transactionId").asText()).hasSize(36);
        assertThat(emulator.credits()).extracting(Credit::valueFen).containsExactly(10_000L, 10_000L, 10_000L);

        Cli.Result s = Cli.run("cash", "status", "--json", "--data-dir", data.toString());
        assertThat(s.exit()).as(s.all()).isZero();
        JsonNode box = JSON.readTree(s.out());
        // The unit's own ledger agrees (its box counts a note at STACKED, which the closed driver never polled for).
        assertThat(box.get("cashboxFen").asLong()).isEqualTo(30_000)
                .isEqualTo(emulator.credits().stream().mapToLong(Credit::valueFen).sum());
        assertThat(box.get("notes").toString()).isEqualTo("{\"10000\":3}");
        assertThat(box.get("capacity").asInt()).isEqualTo(600);
        assertThat(box.get("openPayments").asInt()).isZero();
        assertThat(box.get("unreconciled").asInt()).isZero();
    }

    @Test
    void cashPayInWordsTellsEachNoteAndTheVoucher() throws Exception {
        CompletableFuture<Void> villager = hand(5_000, 2_000);
        Cli.Result r = Cli.run("cash", "pay", "--port", port(), "--amount-fen", "6000", "--data-dir", data.toString());
        assertThat(r.exit()).as(r.all()).isZero();
        villager.get(5, TimeUnit.SECONDS);
        assertThat(r.out()).contains("请放入纸币：应收 ¥60，收 ¥10、¥20、¥50、¥100")
                .contains("收到 ¥50，已收 ¥50，还差 ¥10").contains("收到 ¥20，已收 ¥70，已收够")
                .contains("找零券").contains("¥10（凭此券到村委会领取找零）");
    }

    @Test
    void cashPayTimedOutGivesAVoucherForWhatWasCreditedAndExitsThree() throws Exception {
        CompletableFuture<Void> villager = hand(10_000);
        Cli.Result r = Cli.run("cash", "pay", "--port", port(), "--amount-fen", "30000", "--timeout", "3", "--json",
                "--data-dir", data.toString());
        villager.get(5, TimeUnit.SECONDS);
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.NO_MEDIA);
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("status").asText()).isEqualTo("voucher");
        assertThat(j.get("insertedFen").asLong()).isEqualTo(10_000);
        assertThat(j.get("voucherFen").asLong()).isEqualTo(10_000);
    }

    @Test
    void aPowerCutWithTheNoteInTheStackPathCreditsItOnceAndThePaymentGoesOn() throws Exception {
        emulator.cutPowerWhen(NoteStage.STACKING, Duration.ofMillis(500));
        CompletableFuture<Void> villager = hand(10_000, 10_000);
        Cli.Result r = Cli.run("cash", "pay", "--port", port(), "--amount-fen", "20000", "--json", "--data-dir",
                data.toString());
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(villager).succeedsWithin(5, TimeUnit.SECONDS);
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("status").asText()).isEqualTo("paid");
        assertThat(j.get("insertedFen").asLong()).isEqualTo(20_000);
        assertThat(emulator.credits()).extracting(Credit::via)
                .containsExactly(Credit.Via.CLEARED_TO_CASHBOX, Credit.Via.CREDIT);
        JsonNode box = JSON.readTree(Cli.run("cash", "status", "--json", "--data-dir", data.toString()).out());
        assertThat(box.get("cashboxFen").asLong()).isEqualTo(20_000);
        assertThat(box.get("unreconciled").asInt()).isZero();
    }

    @Test
    void aPowerCutAfterTheCreditCountsTheNoteOnceThoughTheUnitClearsItAgain() throws Exception {
        emulator.cutPowerWhen(NoteStage.CREDITED, Duration.ofMillis(500));
        CompletableFuture<Void> villager = hand(10_000, 10_000);
        Cli.Result r = Cli.run("cash", "pay", "--port", port(), "--amount-fen", "20000", "--json", "--data-dir",
                data.toString());
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(villager).succeedsWithin(5, TimeUnit.SECONDS);
        assertThat(JSON.readTree(r.out()).get("insertedFen").asLong()).isEqualTo(20_000);
        assertThat(emulator.credits()).extracting(Credit::via)
                .containsExactly(Credit.Via.CREDIT_THEN_CLEARED, Credit.Via.CREDIT);
        JsonNode box = JSON.readTree(Cli.run("cash", "status", "--json", "--data-dir", data.toString()).out());
        assertThat(box.get("cashboxFen").asLong()).isEqualTo(20_000);
        assertThat(box.get("unreconciled").asInt()).isZero();
    }

    @Test
    void cashRecoverEndsWhatACrashLeftOpen() throws Exception {
        // The kiosk died with ¥100 credited and a ¥50 in escrow; the unit has since handed the ¥50 back.
        Transaction draft = new Transaction(UuidV7.next(), "payment", "SWJ-0001",
                OffsetDateTime.of(2026, 11, 22, 9, 30, 0, 0, ZoneOffset.ofHours(8)), "s", null, Map.of(), 20_000L,
                Transaction.CASH, null, null, null);
        try (KioskStore store = KioskStore.open(data, Settings.defaults())) {
            CashJournal j = store.cash();
            j.open(draft);
            j.escrowed(draft.id(), 6, 10_000);
            j.credited(draft.id(), 6, 10_000);
            j.escrowed(draft.id(), 5, 5_000);
        }
        Cli.Result open = Cli.run("cash", "status", "--json", "--data-dir", data.toString());
        assertThat(JSON.readTree(open.out()).get("openPayments").asInt()).isEqualTo(1);

        Cli.Result r = Cli.run("cash", "recover", "--port", port(), "--json", "--data-dir", data.toString());
        assertThat(r.exit()).as(r.all()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("ended")).hasSize(1);
        JsonNode e = j.get("ended").get(0);
        assertThat(e.get("transactionId").asText()).isEqualTo(draft.id().toString());
        assertThat(e.get("status").asText()).isEqualTo("voucher");
        assertThat(e.get("insertedFen").asLong()).isEqualTo(10_000);
        assertThat(e.get("voucherFen").asLong()).isEqualTo(10_000);
        assertThat(j.get("unattributedFen").asLong()).isZero();

        Cli.Result after = Cli.run("cash", "status", "--data-dir", data.toString());
        assertThat(after.out()).contains("钱箱 ¥100，共 1 张（容量 600 张）").contains("未结清的现金缴费 0 笔");
        Cli.Result again = Cli.run("cash", "recover", "--port", port(), "--data-dir", data.toString());
        assertThat(again.out()).contains("没有未结清的现金缴费");
    }

    @Test
    void aBadAmountIsAUsageError() {
        Cli.Result r = Cli.run("cash", "pay", "--port", port(), "--amount-fen", "0", "--data-dir", data.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--amount-fen");
    }

    @Test
    void statusOfAKioskThatNeverTookCash() throws Exception {
        Cli.Result r = Cli.run("cash", "status", "--json", "--data-dir", data.toString());
        assertThat(r.exit()).as(r.all()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("cashboxFen").asLong()).isZero();
        assertThat(j.get("notes")).isEmpty();
        assertThat(j.get("openPayments").asInt()).isZero();
        Cli.Result missing = Cli.run("cash", "status", "--data-dir", dir.resolve("nowhere").toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
