package cn.yzz.kiosk.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cn.yzz.kiosk.admin.AdminPin;
import cn.yzz.kiosk.app.assist.StaffMember;
import cn.yzz.kiosk.app.assist.StaffStore;
import cn.yzz.kiosk.app.assist.StaffStore.SignIn;
import cn.yzz.kiosk.app.support.FakeIdCardReader;
import cn.yzz.kiosk.app.support.ManualScheduler;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staff card's way into the console, as a model: the reader completed by hand, the staff list a real file with the
 * kiosk's own hashes looked up on a thread of its own, the JavaFX thread the test's (its queue drained by the test), timers
 * fired by hand. The kiosk around it is a stand-in for the shell: home, or out of service, and the console covering either.
 */
class StaffCardWatchTest {

    private static final String PIN = "271828";
    private static final IdCard STAFF_CARD = CardFixtures.RESIDENT_FINGERPRINT.card();
    private static final IdCard VILLAGER = CardFixtures.RESIDENT.card();
    private static final StaffMember WEI = new StaffMember("001", "韦国华");
    private static final String NAMED = "工作人员 001 韦**";

    @TempDir
    static Path staffDir;
    private static StaffStore staff;

    @TempDir
    Path data;

    private final ConsoleTest.MovingClock clock = new ConsoleTest.MovingClock(Instant.parse("2026-11-22T06:30:00Z"));
    private final ManualScheduler timers = new ManualScheduler();
    private final FakeIdCardReader reader = new FakeIdCardReader();
    private final BlockingQueue<Runnable> fxQueue = new LinkedBlockingQueue<>();
    private final List<String> lookedUpOn = new CopyOnWriteArrayList<>();
    private final List<String> logged = Collections.synchronizedList(new ArrayList<>());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(new java.util.logging.SimpleFormatter().formatMessage(r));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Kiosk kiosk = new Kiosk();
    private ExecutorService staffThread;
    private KioskStore store;
    private AuditTrail trail;
    private Console console;
    private StaffCardWatch watch;

    /** The shell, as far as the console and the watch see it: the out-of-service screen shows while devices are down. */
    private static final class Kiosk implements Console.Host {
        final SimpleBooleanProperty down = new SimpleBooleanProperty(false);
        final SimpleBooleanProperty covered = new SimpleBooleanProperty(false);
        final BooleanBinding outOfService = down.and(covered.not());

        @Override
        public boolean mayOpen() {
            return !covered.get(); // home with no visit, or out of service
        }

        @Override
        public boolean cover() {
            covered.set(true);
            return true;
        }

        @Override
        public void uncover() {
            covered.set(false);
        }
    }

    @BeforeAll
    static void enrol() throws Exception {
        staff = StaffStore.in(staffDir);
        staff.add(WEI.id(), WEI.name(), "246810".toCharArray(), STAFF_CARD.idNumber());
    }

    @BeforeEach
    void setUp() throws Exception {
        Logger.getLogger("cn.yzz.kiosk").addHandler(capture);
        new AdminPin(data, clock, new SecureRandom(), 1000).set(PIN.toCharArray());
        store = KioskStore.open(data, Settings.defaults());
        trail = new AuditTrail(Runnable::run, clock);
        trail.attach(store.audit());
        staffThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-staff"));
        console = new Console(new AdminPin(data, clock, new SecureRandom(), 1000), Runnable::run, Runnable::run, timers, clock,
                trail, kiosk, Console.Settings.defaults());
        Function<String, SignIn> lookUp = number -> {
            lookedUpOn.add(Thread.currentThread().getName());
            return staff.card(number);
        };
        watch = new StaffCardWatch(console, kiosk.outOfService, reader::read, lookUp, staffThread, fxQueue::add, timers);
    }

    @AfterEach
    void tearDown() throws Exception {
        Logger.getLogger("cn.yzz.kiosk").removeHandler(capture);
        staffThread.shutdownNow();
        store.close();
    }

    @Test
    void onTheOutOfServiceScreenAStaffCardOpensThePadNamingThemAndTheRightPinSignsThemIn() throws Exception {
        assertThat(reader.reads()).as("at home the reader is the villager's: not read for the console").isEmpty();
        kiosk.down.set(true);
        assertThat(reader.reads()).as("out of service: the reader waits for a staff card").hasSize(1);

        reader.lastRead().complete(STAFF_CARD);
        fxUntil(() -> state() == Console.State.PIN);
        assertThat(lookedUpOn).as("looked up once, off the JavaFX thread").containsExactly("test-staff");
        assertThat(console.whoProperty().get()).isEqualTo(NAMED);
        assertThat(kiosk.covered.get()).isTrue();
        assertThat(reader.reads()).as("the pad waits for a card of its own").hasSize(2);
        assertThat(reader.lastRead()).isNotDone();

        keyIn("111222");
        assertThat(console.noticeProperty().get()).as("the card alone does not sign in").startsWith("密码不对");
        keyIn(PIN);
        assertThat(state()).isEqualTo(Console.State.OPEN);
        assertThat(reader.lastRead()).as("the pad closed: the reader stops waiting").isCancelled();
        assertThat(timers.pending()).doesNotContain(StaffCardWatch.CARD_AGAIN);

        console.leave();
        assertThat(kiosk.outOfService.get()).isTrue();
        assertThat(reader.reads()).as("out of service again: the reader waits again").hasSize(3);
        assertThat(reader.lastRead()).isNotDone();

        List<String> audit = audit();
        assertThat(audit).containsExactly(NAMED + "|管理密码输错|还可以试 4 次", NAMED + "|进入管理界面|用工作人员卡和密码",
                NAMED + "|退出管理界面|手动退出");
        assertNothingPersonal(audit);
        assertNothingPersonal(logged);
        assertThat(logged).anyMatch(l -> l.contains("staff 001 (韦**) placed their staff card on the out-of-service screen"));
    }

    @Test
    void aVillagersCardOnTheOutOfServiceScreenIsToldBrieflyAndIsNotLookedUpAgain() throws Exception {
        kiosk.down.set(true);
        reader.lastRead().complete(VILLAGER);
        fxUntil(() -> !watch.noticeProperty().get().isEmpty());
        assertThat(watch.noticeProperty().get()).isEqualTo("这张卡不是工作人员卡。终端暂停服务，现在不能办事，请取回您的卡");
        assertThat(state()).as("no pad for a villager's card").isEqualTo(Console.State.CLOSED);
        assertThat(kiosk.covered.get()).isFalse();
        assertThat(timers.pending()).contains(StaffCardWatch.CARD_AGAIN, StaffCardWatch.NOTICE);
        assertThat(reader.reads()).as("not asked again at once").hasSize(1);

        timers.fire(StaffCardWatch.CARD_AGAIN);
        // The reader finds no card it has read until it is lifted and placed again: this read waits for the next card.
        assertThat(reader.reads()).hasSize(2);
        assertThat(reader.lastRead()).isNotDone();
        timers.fire(StaffCardWatch.NOTICE);
        assertThat(watch.noticeProperty().get()).as("said briefly").isEmpty();
        assertThat(lookedUpOn).as("the card was looked up once").hasSize(1);

        reader.lastRead().complete(VILLAGER); // placed again
        fxUntil(() -> lookedUpOn.size() == 2 && !watch.noticeProperty().get().isEmpty());
        timers.fire(StaffCardWatch.CARD_AGAIN);
        assertThat(reader.reads()).hasSize(3);

        kiosk.down.set(false); // the reader came back: home
        assertThat(reader.lastRead()).as("home: the reader is the villager's again").isCancelled();
        assertThat(watch.noticeProperty().get()).isEmpty();
        assertThat(timers.pending()).doesNotContain(StaffCardWatch.CARD_AGAIN, StaffCardWatch.NOTICE);
        assertNothingPersonal(logged);
        assertThat(logged).anyMatch(l -> l.contains("a card that is no staff member's was placed on the out-of-service screen"));
    }

    @Test
    void onThePadTheCornerOpenedAStaffCardNamesWhoSignsInAndAVillagersCardIsToldOnThePad() throws Exception {
        assertThat(openedByCorner()).isTrue();
        assertThat(console.whoProperty().get()).isEqualTo(Console.ADMINISTRATOR);
        assertThat(reader.reads()).as("the pad waits for a staff card").hasSize(1);

        reader.lastRead().complete(STAFF_CARD);
        fxUntil(() -> NAMED.equals(console.whoProperty().get()));
        assertThat(state()).as("named, not signed in: the PIN is still needed").isEqualTo(Console.State.PIN);

        timers.fire(StaffCardWatch.CARD_AGAIN);
        reader.lastRead().complete(VILLAGER);
        fxUntil(() -> !console.noticeProperty().get().isEmpty());
        assertThat(console.noticeProperty().get()).isEqualTo("这张卡不是本机登记的工作人员卡，请取走。管理员请直接输入管理密码");
        assertThat(watch.noticeProperty().get()).as("the out-of-service words are not for the pad").isEmpty();
        console.key('2');
        assertThat(console.noticeProperty().get()).as("a digit keyed clears the words").isEmpty();

        keyIn(PIN.substring(1));
        assertThat(state()).isEqualTo(Console.State.OPEN);
        assertThat(audit()).containsExactly(NAMED + "|进入管理界面|用工作人员卡和密码");

        console.leave();
        int reads = reader.reads().size();
        timers.fireAll();
        assertThat(reader.reads()).as("home again: nothing more is read").hasSize(reads);
        assertThat(reader.reads()).allMatch(java.util.concurrent.CompletableFuture::isDone);
    }

    @Test
    void backFromThePadStopsTheReaderAtHome() {
        openedByCorner();
        assertThat(reader.lastRead()).isNotDone();
        console.back();
        assertThat(reader.lastRead()).as("the pad closed: the reader stops waiting").isCancelled();
        assertThat(reader.reads()).hasSize(1);
    }

    @Test
    void whenTheReaderItselfIsBrokenTheCardWayWaitsQuietlyAndTheCornerStillWorks() throws Exception {
        kiosk.down.set(true);
        reader.fail(DeviceException.Kind.NOT_ANSWERING);
        fxUntil(() -> timers.pending().contains(StaffCardWatch.READER_AGAIN));
        assertThat(watch.noticeProperty().get()).isEmpty();
        timers.fire(StaffCardWatch.READER_AGAIN);
        assertThat(reader.reads()).as("tried again after a while").hasSize(2);

        reader.fail(DeviceException.Kind.NO_MEDIA);
        fxUntil(() -> reader.reads().size() == 3); // nobody placed a card in the wait: waits again at once

        assertThat(openedByCorner()).isTrue();
        assertThat(state()).isEqualTo(Console.State.PIN);
        keyIn(PIN);
        assertThat(audit()).containsExactly("管理员|进入管理界面|用密码");
    }

    // Helpers //

    private Console.State state() {
        return console.stateProperty().get();
    }

    private boolean openedByCorner() {
        boolean opened = false;
        for (int i = 0; i < CornerTaps.PRESSES; i++) {
            opened = console.cornerPressed(i * 100_000_000L);
        }
        return opened;
    }

    private void keyIn(String digits) {
        for (char d : digits.toCharArray()) {
            console.key(d);
        }
        console.confirm();
    }

    /** Runs what came back to the JavaFX thread (reads, lookups) until {@code done}; 10 s at most. */
    private void fxUntil(BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            Runnable r = fxQueue.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) {
                fail("nothing more came back to the JavaFX thread");
            }
            r.run();
        }
    }

    private List<String> audit() throws Exception {
        List<String> lines = new ArrayList<>(store.audit().recent(20).stream()
                .map(e -> e.who() + "|" + e.what() + "|" + e.result().replaceAll("（.*", "")).toList());
        Collections.reverse(lines); // newest first in recent()
        return lines;
    }

    private static void assertNothingPersonal(List<String> lines) {
        assertThat(String.join("\n", lines)).doesNotContain(STAFF_CARD.idNumber()).doesNotContain(VILLAGER.idNumber())
                .doesNotContain(WEI.name()).doesNotContain(STAFF_CARD.name()).doesNotContain(VILLAGER.name());
    }
}
