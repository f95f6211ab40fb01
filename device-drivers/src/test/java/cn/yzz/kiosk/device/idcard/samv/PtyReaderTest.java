package cn.yzz.kiosk.device.idcard.samv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.idcard.emu.Fault;
import cn.yzz.kiosk.device.idcard.emu.IdCardReaderEmulator;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.PtyPair;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The real driver against the emulator over a socat pty pair, through jSerialComm. */
class PtyReaderTest {

    @TempDir Path dir;
    PtyPair pty;
    IdCardReaderEmulator emulator;
    SamvIdCardReader reader;

    @BeforeEach
    void start() throws Exception {
        pty = PtyPair.open(dir, "idr");
        emulator = new IdCardReaderEmulator(LinkOpener.serialPort(pty.deviceEnd().toString()).open(115200));
        reader = new SamvIdCardReader("id-reader", LinkOpener.serialPort(pty.hostEnd().toString()), 115200,
                SamvIdCardReader.Options.defaults());
        reader.open();
    }

    @AfterEach
    void stop() {
        reader.close();
        emulator.close();
        pty.close();
    }

    static Iterable<CardFixture> fixtures() {
        return CardFixtures.all();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void readsEveryFixtureExactly(CardFixture fixture) throws Exception {
        emulator.placeCard(fixture);
        IdCard card = read(Duration.ofSeconds(3));
        IdCard expected = fixture.card();
        assertThat(card).usingRecursiveComparison().ignoringFields("fingerprint").isEqualTo(expected);
        assertThat(card.fingerprint()).isEmpty();
    }

    @Test
    void readsFingerprintWhenAsked() throws Exception {
        reader.close();
        reader = new SamvIdCardReader("id-reader", LinkOpener.serialPort(pty.hostEnd().toString()), 115200,
                new SamvIdCardReader.Options(true, true));
        reader.open();
        emulator.placeCard(CardFixtures.RESIDENT_FINGERPRINT);
        assertThat(read(Duration.ofSeconds(3)).fingerprint()).isEqualTo(CardFixtures.RESIDENT_FINGERPRINT.card().fingerprint());
    }

    @Test
    void noCardBeforeTheDeadlineIsNoMedia() {
        assertThatThrownBy(() -> read(Duration.ofMillis(700)))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.NO_MEDIA));
    }

    @Test
    void silenceIsNotAnswering() {
        emulator.inject(Fault.SILENCE, Integer.MAX_VALUE);
        emulator.placeCard(CardFixtures.RESIDENT);
        assertThatThrownBy(() -> read(Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.NOT_ANSWERING));
        assertThat(reader.state()).isEqualTo(DeviceState.OFFLINE);
    }

    @Test
    void garbageBeforeThePreambleIsSkipped() throws Exception {
        emulator.inject(Fault.GARBAGE_BEFORE_PREAMBLE, Integer.MAX_VALUE);
        emulator.placeCard(CardFixtures.HKMOTW);
        assertThat(read(Duration.ofSeconds(3)).passNumber()).isEqualTo("H60123456");
    }

    @Test
    void splitWritesAreReassembled() throws Exception {
        emulator.inject(Fault.SPLIT_WRITES, Integer.MAX_VALUE);
        emulator.placeCard(CardFixtures.FOREIGN_2023);
        assertThat(read(Duration.ofSeconds(5)).nationality()).isEqualTo("ESP");
    }

    @Test
    void aBadChecksumOnceIsRetriedAndTheReadSucceeds() throws Exception {
        emulator.inject(Fault.BAD_CHECKSUM, 1, SamCommand.READ_TEXT_PHOTO);
        emulator.placeCard(CardFixtures.RESIDENT);
        assertThat(read(Duration.ofSeconds(3)).idNumber()).isEqualTo(CardFixtures.RESIDENT.card().idNumber());
        assertThat(reader.statistics()).containsEntry("ChecksumErrorCount", 1L);
    }

    @Test
    void checksumsThatStayBadEndAsAProtocolError() {
        emulator.inject(Fault.BAD_CHECKSUM, Integer.MAX_VALUE, SamCommand.READ_TEXT_PHOTO);
        emulator.placeCard(CardFixtures.RESIDENT);
        assertThatThrownBy(() -> read(Duration.ofSeconds(3)))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.PROTOCOL));
        assertThat(reader.statistics()).containsEntry("ChecksumErrorCount", 3L);
    }

    @Test
    void aReaderWhoseEveryReplyIsCorruptIsAProtocolFaultNotSilence() {
        reader.close();
        emulator.inject(Fault.BAD_CHECKSUM, Integer.MAX_VALUE);
        reader = new SamvIdCardReader("id-reader", LinkOpener.serialPort(pty.hostEnd().toString()), 115200,
                SamvIdCardReader.Options.defaults());
        assertThatThrownBy(() -> {
            reader.open();
            read(Duration.ofSeconds(1));
        }).isInstanceOfSatisfying(DeviceException.class, e -> {
            assertThat(e.kind()).isEqualTo(DeviceException.Kind.PROTOCOL);
            assertThat(e.getMessage()).contains("回复一直损坏");
        });
        assertThat(reader.state()).isEqualTo(DeviceState.OFFLINE);
    }

    @Test
    void aTruncatedReplyOnceIsRetriedAndTheReadSucceeds() throws Exception {
        emulator.inject(Fault.TRUNCATED_REPLY, 1, SamCommand.READ_TEXT_PHOTO);
        emulator.placeCard(CardFixtures.ELDER_YAO_LONG_TERM);
        assertThat(read(Duration.ofSeconds(10)).longTerm()).isTrue();
        assertThat(reader.statistics()).containsEntry("TruncatedFrameCount", 1L);
    }

    @Test
    void repliesThatStayTruncatedEndAsAProtocolError() {
        emulator.inject(Fault.TRUNCATED_REPLY, Integer.MAX_VALUE, SamCommand.READ_TEXT_PHOTO);
        emulator.placeCard(CardFixtures.RESIDENT);
        assertThatThrownBy(() -> read(Duration.ofSeconds(3)))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.PROTOCOL));
    }

    @Test
    void aCardRemovedMidReadAsksForTheCardAgain() {
        emulator.inject(Fault.CARD_REMOVED_MID_READ, 1);
        emulator.placeCard(CardFixtures.RESIDENT);
        assertThatThrownBy(() -> read(Duration.ofSeconds(3)))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DeviceException.Kind.MEDIA_ERROR);
                    assertThat(e.getMessage()).contains("请重新放置身份证");
                });
        assertThat(reader.state()).isEqualTo(DeviceState.IDLE);
    }

    @Test
    void aFailedReadWithTheCardStillThereIsRetriedAtMostTwice() throws Exception {
        emulator.inject(Fault.READ_FAILS, 2);
        emulator.placeCard(CardFixtures.RESIDENT);
        assertThat(read(Duration.ofSeconds(3)).name()).isEqualTo("陈志强");
        emulator.inject(Fault.READ_FAILS, 3);
        emulator.placeCard(CardFixtures.RESIDENT);
        assertThatThrownBy(() -> read(Duration.ofSeconds(3)))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.MEDIA_ERROR));
    }

    @Test
    void aCardThatWasReadIsNotReadAgainUntilPlacedAgain() throws Exception {
        emulator.placeCard(CardFixtures.RESIDENT);
        read(Duration.ofSeconds(3));
        assertThatThrownBy(() -> read(Duration.ofMillis(500)))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.NO_MEDIA));
        emulator.placeCard(CardFixtures.RESIDENT);
        assertThat(read(Duration.ofSeconds(3)).name()).isEqualTo("陈志强");
    }

    @Test
    void aSamFailurePutsTheReaderOutOfService() {
        emulator.inject(Fault.SAM_FAILURE, Integer.MAX_VALUE);
        emulator.placeCard(CardFixtures.RESIDENT);
        assertThatThrownBy(() -> read(Duration.ofSeconds(3)))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DeviceException.Kind.DEVICE_FAULT);
                    assertThat(e.getMessage()).contains("安全模块");
                });
        assertThat(reader.state()).isEqualTo(DeviceState.FAILED);
        assertThat(reader.checkHealth().status()).isEqualTo(cn.yzz.kiosk.device.Health.Status.FAILED);
    }

    @Test
    void readsTheLatestAddressAndSamId() throws Exception {
        emulator.placeCard(CardFixtures.ELDER_YAO_LONG_TERM);
        read(Duration.ofSeconds(3));
        assertThat(reader.readLatestAddress().get(3, TimeUnit.SECONDS)).contains(CardFixtures.ELDER_YAO_LONG_TERM.latestAddress());
        assertThat(reader.samId().get(3, TimeUnit.SECONDS)).matches("[0-9A-F]{8}(-[0-9A-F]{8}){3}");
        reader.resetModule().get(3, TimeUnit.SECONDS);
        assertThat(reader.statistics()).containsEntry("ResetCount", 1L);
        emulator.placeCard(CardFixtures.RESIDENT);
        read(Duration.ofSeconds(3));
        assertThat(reader.readLatestAddress().get(3, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aPulledCableIsNoticedAndTheReaderComesBackOnItsOwn() throws Exception {
        assertThat(reader.checkHealth().ok()).isTrue();
        java.util.List<DeviceState> states = new java.util.concurrent.CopyOnWriteArrayList<>();
        reader.addListener(ev -> {
            if (ev instanceof cn.yzz.kiosk.device.DeviceEvent.StateChanged sc) {
                states.add(sc.to());
            }
        });
        emulator.close();
        pty.close(); // the cable is out
        assertThatThrownBy(() -> read(Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.NOT_ANSWERING));
        assertThat(reader.state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(reader.checkHealth().detail()).contains("读卡器");

        pty = PtyPair.open(dir, "idr"); // plugged back in, same port path
        emulator = new IdCardReaderEmulator(LinkOpener.serialPort(pty.deviceEnd().toString()).open(115200));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (reader.state() != DeviceState.IDLE && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(reader.state()).isEqualTo(DeviceState.IDLE);
        assertThat(states).contains(DeviceState.OFFLINE, DeviceState.IDLE);
        emulator.placeCard(CardFixtures.RESIDENT);
        assertThat(read(Duration.ofSeconds(3)).name()).isEqualTo("陈志强");
    }

    @Test
    void pacedAtTheWireSpeedStillReads() throws Exception {
        emulator.setPaced(true);
        emulator.placeCard(CardFixtures.RESIDENT_FINGERPRINT);
        assertThat(read(Duration.ofSeconds(3)).name()).isEqualTo("韦国华");
    }

    @Test
    void aCancelledReadLeavesTheNextCardForTheNextRead() throws Exception {
        reader.read(Duration.ofSeconds(30)).cancel(false);
        emulator.placeCard(CardFixtures.RESIDENT);
        assertThat(read(Duration.ofSeconds(3)).name()).isEqualTo("陈志强");
    }

    @Test
    void closingTwiceIsHarmlessAndAClosedReaderSaysSo() {
        reader.close();
        reader.close();
        assertThat(reader.state()).isEqualTo(DeviceState.CLOSED);
        assertThatThrownBy(() -> read(Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.CLOSED));
    }

    IdCard read(Duration timeout) throws Exception {
        try {
            return reader.read(timeout).get(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }
}
