package cn.yzz.kiosk.device.sscard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.DeviceEvent;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.sscard.emu.Pcscd;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixture;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixtures;
import cn.yzz.kiosk.device.sscard.emu.SsFault;
import cn.yzz.kiosk.device.sscard.emu.VpcdCard;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The real driver through javax.smartcardio and pcscd, against the Java card in vpcd's first virtual reader. */
class PcscReaderTest {

    static final String READER = "Virtual PCD 00 00";
    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    private final List<DeviceEvent> events = new CopyOnWriteArrayList<>();
    private VpcdCard card;
    private PcscSsCardReader reader;

    @BeforeAll
    static void pcscd() throws Exception {
        Pcscd.ensureRunning();
    }

    @BeforeEach
    void open() throws Exception {
        slotEmpty(READER);
        card = new VpcdCard(VpcdCard.FIRST_PORT);
        reader = new PcscSsCardReader("ss-reader", READER);
        reader.addListener(events::add);
        reader.open();
        assertThat(reader.state()).as(reader.checkHealth().detail()).isEqualTo(DeviceState.IDLE);
    }

    @AfterEach
    void close() throws Exception {
        reader.close();
        card.close();
        slotEmpty(READER);
    }

    /**
     * Waits until pcscd has seen the card go: it polls vpcd about every 400 ms, and a card put in
     * before that would take the old one's place unnoticed.
     */
    static void slotEmpty(String reader) throws Exception {
        CardTerminal t = TerminalFactory.getInstance("PC/SC", null).terminals().getTerminal(reader);
        assertThat(t.waitForCardAbsent(5000)).as("pcscd still sees a card in " + reader).isTrue();
    }

    static List<SsCardFixture> readable() {
        return SsCardFixtures.readable();
    }

    @ParameterizedTest
    @MethodSource("readable")
    void everyCardIsReadThroughPcscd(SsCardFixture fixture) throws Exception {
        card.insert(fixture);
        SsCard c = read(Duration.ofSeconds(5));

        assertThat(c).isEqualTo(fixture.expected());
        assertThat(c.expiredOn(TODAY)).isEqualTo(fixture == SsCardFixtures.EXPIRED);
        assertThat(reader.state()).isEqualTo(DeviceState.IDLE);
        assertThat(events).contains(new SsCardEvent.Inserted("ss-reader"));
        assertThat(reader.statistics()).containsEntry("GoodReadCount", 1L);
    }

    @Test
    void theGbkOnlyNameSurvivesTheWholeWay() throws Exception {
        card.insert(SsCardFixtures.GBK_NAME);
        assertThat(read(Duration.ofSeconds(5)).name()).isEqualTo("欧阳堃喆");
    }

    @Test
    void aCardWithoutTheSocialSecurityApplicationIsRefusedWithAReason() throws Exception {
        card.insert(SsCardFixtures.NOT_SOCIAL_SECURITY);
        DeviceException e = readFails(Duration.ofSeconds(5));

        assertThat(e.kind()).isEqualTo(DeviceException.Kind.MEDIA_ERROR);
        assertThat(e.getMessage()).isEqualTo("这张卡不是社会保障卡（卡上没有社保应用），请插入社保卡");
        assertThat(reader.state()).isEqualTo(DeviceState.IDLE);
    }

    @Test
    void aCardPulledOutMidReadGivesAClearErrorAndNothingHalfRead() throws Exception {
        card.inject(SsFault.PULLED_OUT_MID_READ);
        card.insert(SsCardFixtures.GEN2);
        DeviceException e = readFails(Duration.ofSeconds(5));

        assertThat(e.kind()).isEqualTo(DeviceException.Kind.MEDIA_ERROR);
        assertThat(e.getMessage()).isEqualTo("社保卡在读取中被拔出，请把社保卡插好后再读一次");
        assertThat(reader.statistics()).containsEntry("CardRemovedCount", 1L).doesNotContainKey("GoodReadCount");
        assertThat(reader.state()).isEqualTo(DeviceState.IDLE);

        // Put back in, it reads.
        slotEmpty(READER);
        card.insert(SsCardFixtures.GEN2);
        assertThat(read(Duration.ofSeconds(5))).isEqualTo(SsCardFixtures.GEN2.expected());
    }

    @Test
    void noCardBeforeTheDeadlineIsNoMedia() throws Exception {
        DeviceException e = readFails(Duration.ofMillis(300));

        assertThat(e.kind()).isEqualTo(DeviceException.Kind.NO_MEDIA);
        assertThat(e.getMessage()).isEqualTo("在限定时间内没有插入社保卡");
        assertThat(reader.state()).isEqualTo(DeviceState.IDLE);
    }

    @Test
    void aReadWaitsForTheCardAndInsertAndRemoveAreReported() throws Exception {
        CompletableFuture<SsCard> pending = reader.read(Duration.ofSeconds(10));
        waitFor(() -> reader.state() == DeviceState.BUSY);
        card.insert(SsCardFixtures.GEN3);
        assertThat(pending.get(10, TimeUnit.SECONDS).cardNumber()).isEqualTo("C23456789");
        assertThat(reader.cardPresent()).isTrue();

        card.remove();
        waitFor(() -> events.contains(new SsCardEvent.Removed("ss-reader")));
        assertThat(reader.cardPresent()).isFalse();
        assertThat(events).filteredOn(ev -> ev instanceof SsCardEvent)
                .containsExactly(new SsCardEvent.Inserted("ss-reader"), new SsCardEvent.Removed("ss-reader"));
    }

    @Test
    void healthNamesTheReaderAndTheSlot() throws Exception {
        Health h = reader.checkHealth();
        assertThat(h.ok()).isTrue();
        assertThat(h.detail()).isEqualTo("社保卡读卡器正常（Virtual PCD 00 00），卡座里没有卡");
        card.insert(SsCardFixtures.GEN2);
        waitFor(reader::cardPresent);
        assertThat(reader.checkHealth().detail()).endsWith("卡座里有卡");
    }

    @Test
    void aReaderNameThatIsNotThereIsOfflineWithTheReadersThatAre() throws Exception {
        List<DeviceEvent> seen = new CopyOnWriteArrayList<>();
        try (PcscSsCardReader missing = new PcscSsCardReader("ss-missing", "No Such Reader")) {
            missing.addListener(seen::add);
            missing.open();
            assertThat(missing.state()).isEqualTo(DeviceState.OFFLINE);
            assertThat(seen).singleElement().isInstanceOfSatisfying(DeviceEvent.StateChanged.class, s ->
                    assertThat(s.detail()).startsWith("找不到名为“No Such Reader”的读卡器（现有：Virtual PCD 00 00、Virtual PCD 00 01）"));
            DeviceException e = readFailsOn(missing, Duration.ofMillis(100));
            assertThat(e.kind()).isEqualTo(DeviceException.Kind.NOT_ANSWERING);
        }
    }

    @Test
    void withoutANameTheFirstReaderIsUsed() throws Exception {
        try (PcscSsCardReader first = new PcscSsCardReader("ss-first", null)) {
            first.open();
            assertThat(first.readerInUse()).isEqualTo(READER);
        }
    }

    private SsCard read(Duration timeout) throws Exception {
        return reader.read(timeout).get(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
    }

    private DeviceException readFails(Duration timeout) throws Exception {
        return readFailsOn(reader, timeout);
    }

    static DeviceException readFailsOn(SsCardReader r, Duration timeout) throws Exception {
        try {
            SsCard c = r.read(timeout).get(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
            throw new AssertionError("expected the read to fail, got " + c);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(DeviceException.class);
            return (DeviceException) e.getCause();
        }
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(end);
            Thread.sleep(20);
        }
    }
}
