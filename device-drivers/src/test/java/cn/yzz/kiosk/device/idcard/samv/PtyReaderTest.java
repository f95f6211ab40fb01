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

    IdCard read(Duration timeout) throws Exception {
        try {
            return reader.read(timeout).get(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }
}
