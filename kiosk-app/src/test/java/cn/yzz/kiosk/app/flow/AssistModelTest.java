package cn.yzz.kiosk.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.assist.StaffMember;
import cn.yzz.kiosk.app.assist.StaffStore;
import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.flow.AssistModel.Consent;
import cn.yzz.kiosk.app.flow.AssistModel.Notice;
import cn.yzz.kiosk.app.flow.AssistModel.Problem;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.i18n.Language;
import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.service.FakeCounty;
import cn.yzz.kiosk.app.service.ReceiptOut;
import cn.yzz.kiosk.app.service.ServiceRun;
import cn.yzz.kiosk.app.support.FakeIdCardReader;
import cn.yzz.kiosk.app.support.ManualScheduler;
import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.app.voice.Spoken;
import cn.yzz.kiosk.app.voice.VoicePrompts;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 帮办代办 on the flow alone: the staff's sign-in (PIN, staff card, lockout), the villager's consent with their own card,
 * and the mode's life with the visit. The reader is completed by hand; the staff list is a real file with the kiosk's own
 * hashes; the staff thread and the JavaFX thread are the test's own.
 */
class AssistModelTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final IdCard STAFF_CARD = CardFixtures.RESIDENT_FINGERPRINT.card();
    private static final IdCard VILLAGER = CardFixtures.RESIDENT.card();
    private static final StaffMember WEI = new StaffMember("001", "韦国华");
    private static final String PIN = "246810";

    @TempDir
    static Path data;
    private static StaffStore store;

    private final FakeIdCardReader reader = new FakeIdCardReader();
    private final ManualScheduler timers = new ManualScheduler();
    private final ManualScheduler idleTimers = new ManualScheduler();
    private final List<String> logged = new ArrayList<>();
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
    private Session session;
    private KioskFlowModel flow;
    private AssistModel assist;
    private Shell shell;
    private IdleWatch idle;

    @BeforeEach
    void setUp() throws IOException {
        Logger.getLogger("cn.yzz.kiosk").addHandler(capture);
        if (store == null) {
            store = StaffStore.in(data);
            store.add(WEI.id(), WEI.name(), PIN.toCharArray(), STAFF_CARD.idNumber());
        }
        session = new Session();
        IdentifyModel identify = new IdentifyModel(reader, Runnable::run, TODAY, IdentifyModel.CARD_WAIT, PhotoDecoder.placeholder());
        FakeCounty county = new FakeCounty(TODAY);
        flow = new KioskFlowModel(CatalogParser.bundled(), identify, session, timers,
                new Abilities(EnumSet.allOf(DeviceNeed.class), true, "enhanced"),
                (plan, card, visit, finished) -> new ServiceRun(plan, new ServiceRun.Context(card, visit.id(), county,
                        ReceiptOut.NONE, Runnable::run, timers, TODAY, visit::holdForMoney, visit::receiptPrinted, finished,
                        reader::read, visit.assistant() == null ? null : visit.assistant().id())));
        assist = new AssistModel(flow, store, Runnable::run, Runnable::run, timers, reader::read, Clock.systemUTC());
        idle = new IdleWatch(idleTimers, IdleWatch.Settings.defaults(), session::takingMoney);
        shell = new Shell(flow, idle, new Texts(), (p, l, slow) -> { }, new Shell.HelpContact("", ""), timers, Runnable::run, assist);
    }

    @AfterEach
    void tearDown() {
        Logger.getLogger("cn.yzz.kiosk").removeHandler(capture);
    }

    private void keyIn(String digits) {
        for (char c : digits.toCharArray()) {
            assist.key(c);
        }
    }

    private Screen screen() {
        return flow.screenProperty().get();
    }

    private Prompt prompt() {
        return shell.promptProperty().get();
    }

    /** PIN, then the villager's own card, then 开始办理: home, identified, in assisted mode. */
    private void assistedVisit() {
        flow.openStaff();
        keyIn(PIN);
        reader.lastRead().complete(VILLAGER);
        assist.startServices();
        assertThat(screen()).isEqualTo(Screen.HOME);
        assertThat(session.assistant()).isEqualTo(WEI);
    }

    @Test
    void aStaffMemberSignsInWithTheirPinTheVillagerConsentsWithTheirOwnCardAndTheVisitGoesOnAsTheVillager() {
        flow.openStaff();
        assertThat(screen()).isEqualTo(Screen.STAFF);
        assertThat(session.active()).as("the staff screen is a visit: the idle watch closes it").isTrue();
        assertThat(prompt().key()).isEqualTo("staff.pin");
        keyIn("2468");
        assertThat(assist.keyedProperty().get()).isEqualTo(4);
        assist.delete();
        assertThat(assist.keyedProperty().get()).isEqualTo(3);
        assist.clear();
        assertThat(assist.keyedProperty().get()).isZero();
        assertThat(session.assistant()).isNull();

        keyIn(PIN); // the sixth digit checks it
        assertThat(screen()).isEqualTo(Screen.CONSENT);
        assertThat(session.assistant()).isEqualTo(WEI);
        assertThat(session.personProperty().get()).as("nobody identified yet").isNull();
        assertThat(assist.keyedProperty().get()).isZero();
        assertThat(prompt()).isEqualTo(Prompt.of("consent.place", Spoken.text("韦某", "")));
        assertThat(VoicePrompts.load().text(prompt(), Language.PUTONGHUA))
                .isEqualTo("帮办授权。村委会工作人员韦某将为您代办业务。同意的话，请把您本人的身份证放在读卡区。");

        reader.lastRead().complete(VILLAGER);
        assertThat(assist.consentProperty().get()).isEqualTo(Consent.GIVEN);
        assertThat(VoicePrompts.load().text(prompt(), Language.PUTONGHUA))
                .isEqualTo("陈先生，您已授权工作人员韦某为您代办。请点开始办理。");
        assist.startServices();
        assertThat(screen()).isEqualTo(Screen.HOME);
        assertThat(session.villager().idNumber()).as("the visit serves the villager").isEqualTo(VILLAGER.idNumber());
        assertThat(session.personProperty().get().name()).isEqualTo("陈**");
        assertThat(session.assistant()).as("and the staff member does it").isEqualTo(WEI);

        assertThat(logged).anyMatch(l -> l.contains("assisted mode: staff 001 (韦**) signed in by PIN"))
                .anyMatch(l -> l.contains("assisted mode starts, staff 001 (韦**)"))
                .anyMatch(l -> l.contains("the villager consented with their own ID card (陈**)"));
        flow.end();
        assertThat(logged).anyMatch(l -> l.contains("assisted mode ends, staff 001 (韦**)"));
        assertThat(logged).as("no PIN, no full name or number").noneMatch(l -> l.contains(PIN) || l.contains("2468")
                || l.contains("韦国华") || l.contains(VILLAGER.name()) || l.contains(VILLAGER.idNumber())
                || l.contains(STAFF_CARD.idNumber()));
    }

    @Test
    void wrongPinsSayHowManyTriesAreLeftThenLockTheKeysWithoutEverLoggingAPin() throws IOException {
        Path own = data.resolve("lockout");
        StaffStore lockable = StaffStore.in(own);
        lockable.add(WEI.id(), WEI.name(), PIN.toCharArray(), null);
        assist = new AssistModel(flow, lockable, Runnable::run, Runnable::run, timers, reader::read, Clock.systemUTC());
        flow.openStaff();
        for (int left = 4; left >= 1; left--) {
            keyIn("13579" + left);
            assertThat(assist.noticeProperty().get()).isEqualTo(new Notice(Problem.WRONG, left));
            assertThat(screen()).isEqualTo(Screen.STAFF);
        }
        assertThat(assist.promptProperty().get()).isEqualTo(Prompt.of("staff.pin.wrong", Spoken.count(1)));
        assist.key('1');
        assertThat(assist.noticeProperty().get()).as("keying again clears the last wrong PIN's words").isNull();
        keyIn("35790");
        assertThat(assist.noticeProperty().get()).isEqualTo(new Notice(Problem.LOCKED, 5));
        assertThat(assist.lockedProperty().get()).isTrue();
        assertThat(assist.promptProperty().get()).isEqualTo(Prompt.of("staff.pin.locked", Spoken.count(5)));
        keyIn(PIN);
        assertThat(assist.keyedProperty().get()).as("the keys do nothing while locked").isZero();
        assertThat(session.assistant()).isNull();

        flow.back(); // leaving and coming back does not unlock
        flow.openStaff();
        assertThat(assist.noticeProperty().get().problem()).isEqualTo(Problem.LOCKED);
        assertThat(assist.lockedProperty().get()).isTrue();

        timers.fireAll(); // the lock's time is up on the screen; the store still counts by its own clock
        assertThat(assist.lockedProperty().get()).isFalse();
        keyIn(PIN);
        assertThat(assist.noticeProperty().get().problem()).as("the store keeps the lock").isEqualTo(Problem.LOCKED);
        assertThat(logged).anyMatch(l -> l.contains("1 tries left")).noneMatch(l -> l.contains("13579") || l.contains(PIN));
    }

    @Test
    void theStaffCardSignsInOnTheStaffScreenAndCannotBeTheVillagersConsent() {
        assertThat(reader.reads()).as("at home the reader waits for nobody's staff card").isEmpty();
        flow.openStaff();
        reader.lastRead().complete(VILLAGER);
        assertThat(assist.noticeProperty().get()).isEqualTo(new Notice(Problem.NOT_STAFF, 0));
        assertThat(prompt().key()).isEqualTo("staff.card.unknown");
        assertThat(timers.pending()).as("the pad is looked at again").contains(AssistModel.CARD_AGAIN);
        timers.fireAll();
        reader.lastRead().complete(STAFF_CARD);
        assertThat(screen()).isEqualTo(Screen.CONSENT);
        assertThat(session.assistant()).isEqualTo(WEI);
        assertThat(session.cardMayBeOnReader()).as("the end reminds them to take it").isTrue();
        assertThat(logged).anyMatch(l -> l.contains("staff 001 (韦**) signed in by card"));

        reader.lastRead().complete(STAFF_CARD); // still on the pad: the consent read finds it
        assertThat(assist.consentProperty().get()).isEqualTo(Consent.STAFF_CARD);
        assertThat(prompt().key()).isEqualTo("consent.staff.card");
        int reads = reader.reads().size();
        timers.fireAll();
        assertThat(reader.reads()).as("looked at again").hasSize(reads + 1);
        assertThat(assist.consentProperty().get()).as("no flicker back to waiting").isEqualTo(Consent.STAFF_CARD);
        reader.lastRead().complete(VILLAGER);
        assertThat(assist.consentProperty().get()).isEqualTo(Consent.GIVEN);
        assist.startServices();
        assertThat(session.villager().idNumber()).isEqualTo(VILLAGER.idNumber()).isNotEqualTo(STAFF_CARD.idNumber());
    }

    @Test
    void everyProblemOfTheStaffScreenHasItsWordsInEveryLanguageOnScreen() {
        for (Language l : Language.values()) {
            for (Problem p : Problem.values()) {
                assertThat(Texts.keys(l.textLocale())).as(l + ": " + p).contains("staff.problem." + p.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    @Test
    void aCardThatCannotGoOnIsNoConsent() {
        flow.openStaff();
        keyIn(PIN);
        reader.lastRead().complete(CardFixtures.RESIDENT_BAD_CHECK.card());
        assertThat(assist.consentProperty().get()).isEqualTo(Consent.CANNOT);
        assertThat(prompt().key()).isEqualTo("identify.problem");
        assist.startServices();
        assertThat(screen()).isEqualTo(Screen.CONSENT);
        assertThat(session.personProperty().get()).isNull();
    }

    @Test
    void theReaderFailingOnTheConsentScreenSaysSoInTheIdentifyWords() {
        flow.openStaff();
        keyIn(PIN);
        reader.fail(DeviceException.Kind.MEDIA_ERROR);
        assertThat(prompt().key()).isEqualTo("identify.again");
        assertThat(assist.consentProperty().get()).isEqualTo(Consent.WAITING);
    }

    @Test
    void theStaffScreenOpensOnlyAtHomeBeforeAnyoneIsIdentified() {
        flow.identifyFirst();
        reader.lastRead().complete(VILLAGER);
        flow.useIdentity();
        assertThat(screen()).isEqualTo(Screen.HOME);
        flow.openStaff();
        assertThat(screen()).as("a visit under way never becomes an assisted one").isEqualTo(Screen.HOME);
        assertThat(session.assistant()).isNull();
        flow.end();
        flow.dismissEnd();
        flow.openTheme(flow.catalogue().themes().get(0));
        flow.openStaff();
        assertThat(screen()).isEqualTo(Screen.SERVICES);
    }

    @Test
    void endingTheVisitEndsTheMode() {
        assistedVisit();
        flow.end(); // 结束办理 at home
        assertThat(session.assistant()).isNull();
        assertThat(session.personProperty().get()).isNull();
    }

    @Test
    void theIdleWatchEndsTheModeWithTheVisit() {
        assistedVisit();
        assertThat(idle.stateProperty().get()).isEqualTo(IdleWatch.State.WATCHING);
        idle.walkAway();
        for (int i = 0; i < 200 && session.active(); i++) {
            idleTimers.fireAll();
        }
        assertThat(session.active()).isFalse();
        assertThat(session.assistant()).isNull();
        assertThat(screen()).isIn(Screen.END, Screen.HOME);
    }

    @Test
    void homeFromAServiceEndsTheMode() {
        assistedVisit();
        flow.openTheme(flow.catalogue().themes().get(0));
        flow.chooseService(flow.pageServicesProperty().get(0));
        ServiceRun run = flow.runProperty().get();
        assertThat(run).isNotNull();
        flow.home(); // 首页 from the service's first step ends the visit
        assertThat(session.assistant()).isNull();
    }

    @Test
    void leavingTheStaffOrConsentScreenEndsTheVisitSoNoModeIsLeftWithoutConsent() {
        flow.openStaff();
        keyIn(PIN);
        assertThat(screen()).isEqualTo(Screen.CONSENT);
        flow.back();
        assertThat(session.assistant()).isNull();
        assertThat(session.active()).isFalse();
        assertThat(screen()).isEqualTo(Screen.HOME);

        flow.openStaff();
        keyIn(PIN);
        flow.home();
        assertThat(session.assistant()).isNull();
        assertThat(screen()).isEqualTo(Screen.HOME);

        flow.openStaff();
        keyIn("24");
        flow.back();
        assertThat(screen()).isEqualTo(Screen.HOME);
        assertThat(session.active()).isFalse();
        flow.openStaff();
        assertThat(assist.keyedProperty().get()).as("what was keyed is gone").isZero();
    }
}
