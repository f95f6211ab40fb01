package cn.yzz.kiosk.app.assist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.app.assist.StaffStore.SignIn;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staff file and the PIN lockout, on a real folder, with a clock the test moves. */
class StaffStoreTest {

    private static final String STAFF_CARD = CardFixtures.RESIDENT_FINGERPRINT.card().idNumber();
    private static final String VILLAGER_CARD = CardFixtures.RESIDENT.card().idNumber();
    /** Cheaper hashes, so the lockout's many guesses take no time (the kiosk's own: SlowHash.ITERATIONS). */
    private static final int FAST = 2_000;

    @TempDir
    Path data;

    private final MovingClock clock = new MovingClock();
    /** The shared lockout logs here; held, so that the logger with the handler is the one it writes to. */
    private static final Logger ADMIN_LOG = Logger.getLogger("cn.yzz.kiosk.admin");
    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private StaffStore store;

    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-06T02:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void enrol() throws IOException {
        Logger.getLogger("cn.yzz.kiosk.app.assist").addHandler(capture);
        ADMIN_LOG.addHandler(capture);
        store = new StaffStore(data, clock, new SecureRandom(), FAST); // the first test checks the kiosk's own hashes
        store.add("001", "韦国华", "246810".toCharArray(), STAFF_CARD);
        store.add("002", "黄丽", "135790".toCharArray(), null);
    }

    @AfterEach
    void stopCapture() {
        Logger.getLogger("cn.yzz.kiosk.app.assist").removeHandler(capture);
        ADMIN_LOG.removeHandler(capture);
    }

    private SignIn pin(String pin) {
        return store.pin(pin.toCharArray());
    }

    @Test
    void theFileKeepsSaltedSlowHashesNeverThePinOrTheCardNumberAndOnlyItsOwnerReadsIt() throws IOException {
        store = new StaffStore(data, clock, new SecureRandom());
        store.add("001", "韦国华", "246810".toCharArray(), STAFF_CARD);
        store.add("002", "黄丽", "135790".toCharArray(), null);
        Path file = data.resolve(StaffStore.FILE);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).contains("staff.001.name=韦国华", "staff.001.pin=pbkdf2-sha256$120000$", "staff.001.card=pbkdf2-sha256$",
                "staff.002.pin=pbkdf2-sha256$").doesNotContain("staff.002.card")
                .doesNotContain("246810", "135790", STAFF_CARD, STAFF_CARD.substring(6, 14));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        // Two staff members with PINs of the same length: the salts differ, so equal PINs would not show either.
        List<String> hashes = text.lines().filter(l -> l.contains(".pin=")).map(l -> l.split("\\$")[2]).toList();
        assertThat(hashes).hasSize(2).doesNotHaveDuplicates();
        assertThat(logged).noneMatch(l -> l.contains("246810") || l.contains(STAFF_CARD) || l.contains("韦国华"))
                .anyMatch(l -> l.contains("staff enrolled: staff 001 (韦**)"));
    }

    @Test
    void aPinAloneSaysWhoSignsIn() {
        assertThat(pin("246810")).isEqualTo(new SignIn.Ok(new StaffMember("001", "韦国华")));
        assertThat(pin("135790")).isEqualTo(new SignIn.Ok(new StaffMember("002", "黄丽")));
        assertThat(pin("246811")).isEqualTo(new SignIn.Wrong(4));
    }

    @Test
    void fiveWrongPinsLockPinEntryEvenForTheRightOneUntilTheTimeIsUp() {
        for (int left = 4; left >= 1; left--) {
            assertThat(pin("000001")).isEqualTo(new SignIn.Wrong(left));
        }
        Instant until = clock.now.plus(StaffStore.FIRST_LOCK);
        assertThat(pin("000002")).isEqualTo(new SignIn.Locked(until));
        assertThat(pin("246810")).as("locked: not even the right PIN is checked").isEqualTo(new SignIn.Locked(until));
        assertThat(logged).anyMatch(l -> l.contains("5 wrong staff PINs in a row")).noneMatch(l -> l.contains("000002"));

        clock.now = until.minusSeconds(1);
        assertThat(pin("246810")).isInstanceOf(SignIn.Locked.class);
        clock.now = until;
        assertThat(pin("246810")).isInstanceOf(SignIn.Ok.class);
        assertThat(pin("999999")).as("a right PIN starts the count afresh").isEqualTo(new SignIn.Wrong(4));
    }

    @Test
    void eachLockAfterTheFirstIsTwiceAsLongUntilARightPin() {
        Duration expected = StaffStore.FIRST_LOCK;
        for (int lock = 1; lock <= 3; lock++) {
            for (int i = 0; i < StaffStore.MAX_WRONG - 1; i++) {
                assertThat(pin("000001")).isInstanceOf(SignIn.Wrong.class);
            }
            assertThat(pin("000001")).as("lock " + lock).isEqualTo(new SignIn.Locked(clock.now.plus(expected)));
            clock.now = clock.now.plus(expected);
            expected = expected.multipliedBy(2);
        }
        assertThat(pin("246810")).isInstanceOf(SignIn.Ok.class);
        for (int i = 0; i < StaffStore.MAX_WRONG - 1; i++) {
            pin("000001");
        }
        assertThat(pin("000001")).as("after a right PIN the first lock is short again")
                .isEqualTo(new SignIn.Locked(clock.now.plus(StaffStore.FIRST_LOCK)));
    }

    @Test
    void theCountSurvivesARestartOfTheKiosk() {
        pin("000001");
        pin("000001");
        StaffStore afterRestart = new StaffStore(data, clock, new SecureRandom(), FAST);
        assertThat(afterRestart.pin("000001".toCharArray())).isEqualTo(new SignIn.Wrong(2));
    }

    @Test
    void aDamagedCountFileGivesNoMoreTries() throws IOException {
        Files.writeString(data.resolve(StaffStore.LOCK_FILE), "wrong=\u0000garbage\nlockedUntil=yesterday\n");
        assertThat(pin("000001")).as("counted as one try short of the lock").isInstanceOf(SignIn.Locked.class);
    }

    @Test
    void theStaffCardIsTheStaffMembersOwnIdCardAndIsNeitherCountedNorLockedOut() {
        assertThat(store.card(STAFF_CARD)).isEqualTo(new SignIn.Ok(new StaffMember("001", "韦国华")));
        assertThat(store.card(STAFF_CARD.toLowerCase() + " ")).as("as a reader may give it").isInstanceOf(SignIn.Ok.class);
        assertThat(store.card(VILLAGER_CARD)).isEqualTo(new SignIn.NotStaff());
        for (int i = 0; i < StaffStore.MAX_WRONG; i++) {
            pin("000001");
        }
        assertThat(pin("246810")).isInstanceOf(SignIn.Locked.class);
        assertThat(store.card(STAFF_CARD)).as("a card is not a guess").isInstanceOf(SignIn.Ok.class);
    }

    @Test
    void knowsAStaffMembersOwnCardSoTheyCannotConsentForAVillagerWithIt() {
        StaffMember wei = new StaffMember("001", "韦国华");
        StaffMember huang = new StaffMember("002", "黄丽");
        assertThat(store.isCardOf(wei, STAFF_CARD)).isTrue();
        assertThat(store.isCardOf(wei, VILLAGER_CARD)).isFalse();
        assertThat(store.isCardOf(huang, STAFF_CARD)).as("another's card; 002 enrolled none").isFalse();
    }

    @Test
    void nobodyEnrolledSaysSoAndCountsNothing() {
        StaffStore empty = new StaffStore(data.resolve("elsewhere"), clock, new SecureRandom(), FAST);
        assertThat(empty.pin("246810".toCharArray())).isEqualTo(new SignIn.NoStaff());
        assertThat(empty.card(STAFF_CARD)).isEqualTo(new SignIn.NoStaff());
        assertThat(data.resolve("elsewhere")).doesNotExist();
    }

    @Test
    void enrolmentRefusesWeakOrSharedPinsAndStaffNumbersThatAreIdNumbersInPlainWords() {
        assertThatThrownBy(() -> store.add("003", "李梅", "12345".toCharArray(), null)).hasMessage("密码要是6位数字");
        assertThatThrownBy(() -> store.add("003", "李梅", "12a456".toCharArray(), null)).hasMessage("密码要是6位数字");
        for (String weak : List.of("111111", "123456", "987654")) {
            assertThatThrownBy(() -> store.add("003", "李梅", weak.toCharArray(), null)).as(weak)
                    .hasMessageContaining("太容易猜到").hasMessageNotContaining(weak);
        }
        assertThatThrownBy(() -> store.add("003", "李梅", "246810".toCharArray(), null))
                .hasMessage("这个密码已有其他工作人员在用，请换一个");
        assertThatThrownBy(() -> store.add(VILLAGER_CARD, "李梅", "802468".toCharArray(), null))
                .hasMessageContaining("不能是身份证号码");
        assertThatThrownBy(() -> store.add("0.3", "李梅", "802468".toCharArray(), null)).hasMessageContaining("工号");
        assertThatThrownBy(() -> store.add("003", " ", "802468".toCharArray(), null)).hasMessageContaining("姓名");
        assertThatThrownBy(() -> store.add("003", "李梅", "802468".toCharArray(), "44-18")).hasMessageContaining("证件号码");
    }

    @Test
    void reEnrollingAStaffNumberReplacesTheirPinAndCard() throws IOException {
        store.add("001", "韦国华", "802468".toCharArray(), null);
        assertThat(pin("246810")).isInstanceOf(SignIn.Wrong.class);
        assertThat(pin("802468")).isEqualTo(new SignIn.Ok(new StaffMember("001", "韦国华")));
        assertThat(store.card(STAFF_CARD)).isEqualTo(new SignIn.NotStaff());
        assertThat(store.list()).extracting(StaffMember::id).containsExactly("001", "002");
    }

    @Test
    void anEntryThatCannotBeUsedIsLeftOutAndLoggedTheOthersStillSignIn() throws IOException {
        Path file = data.resolve(StaffStore.FILE);
        Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8)
                .replace("staff.002.pin=pbkdf2-sha256$2000$", "staff.002.pin=pbkdf2-sha256$2x00$")
                + "staff.003.name=李梅\nstaff.x.y.pin=1\n", StandardCharsets.UTF_8);
        assertThat(store.list()).extracting(StaffMember::id).containsExactly("001");
        assertThat(pin("246810")).isInstanceOf(SignIn.Ok.class);
        assertThat(pin("135790")).isInstanceOf(SignIn.Wrong.class);
        assertThat(logged).anyMatch(l -> l.contains("staff '002' left out")).anyMatch(l -> l.contains("staff '003' left out: no pin"))
                .anyMatch(l -> l.contains("unknown key 'staff.x.y.pin'")).noneMatch(l -> l.contains("2x00"));
    }

    @Test
    void theMemberIsMaskedInLogsAndNamedWithoutTheirGivenNameInSpeech() {
        StaffMember wei = new StaffMember("001", "韦国华");
        assertThat(wei).hasToString("staff 001 (韦**)");
        assertThat(wei.maskedName()).isEqualTo("韦**");
        assertThat(wei.spokenName()).isEqualTo("韦某");
        assertThat(new StaffMember("A-7", "Anna Lee").spokenName()).isEmpty();
    }
}
