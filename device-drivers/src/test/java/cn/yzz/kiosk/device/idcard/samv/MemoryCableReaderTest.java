package cn.yzz.kiosk.device.idcard.samv;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.idcard.emu.IdCardReaderEmulator;
import cn.yzz.kiosk.device.serial.MemoryCable;
import cn.yzz.kiosk.device.serial.SerialLink;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a pty cannot show: line speed (baud detection and change) and the emulator's replies to bad commands. */
class MemoryCableReaderTest {

    @Test
    void findsAReaderThatTalksAtAnotherSpeed() throws Exception {
        MemoryCable cable = new MemoryCable("id");
        try (IdCardReaderEmulator emu = new IdCardReaderEmulator(cable::openDevice, 9600);
             SamvIdCardReader reader = new SamvIdCardReader("id-reader", cable::openHost, 115200, SamvIdCardReader.Options.defaults())) {
            reader.open();
            assertThat(reader.state()).isEqualTo(DeviceState.IDLE);
            assertThat(reader.baudRate()).isEqualTo(9600);
            emu.placeCard(CardFixtures.HKMOTW);
            assertThat(reader.read(Duration.ofSeconds(2)).get(5, TimeUnit.SECONDS).passNumber()).isEqualTo("H60123456");
        }
    }

    @Test
    void withoutDetectionAWrongSpeedLeavesTheReaderOffline() throws Exception {
        MemoryCable cable = new MemoryCable("id");
        try (IdCardReaderEmulator emu = new IdCardReaderEmulator(cable::openDevice, 9600);
             SamvIdCardReader reader = new SamvIdCardReader("id-reader", cable::openHost, 115200, new SamvIdCardReader.Options(false, false))) {
            reader.open();
            assertThat(reader.state()).isEqualTo(DeviceState.OFFLINE);
            assertThat(reader.checkHealth().detail()).contains("115200");
        }
    }

    @Test
    void switchesTheReaderToAnotherSpeed() throws Exception {
        MemoryCable cable = new MemoryCable("id");
        try (IdCardReaderEmulator emu = new IdCardReaderEmulator(cable::openDevice, 115200);
             SamvIdCardReader reader = new SamvIdCardReader("id-reader", cable::openHost, 115200, SamvIdCardReader.Options.defaults())) {
            reader.open();
            reader.setBaudRate(38400).get(5, TimeUnit.SECONDS);
            assertThat(reader.baudRate()).isEqualTo(38400);
            emu.placeCard(CardFixtures.RESIDENT);
            assertThat(reader.read(Duration.ofSeconds(2)).get(5, TimeUnit.SECONDS).name()).isEqualTo("陈志强");
        }
    }

    @Test
    void anUnpluggedCableTakesTheReaderOfflineAndPluggingItBackRestoresIt() throws Exception {
        MemoryCable cable = new MemoryCable("id");
        try (IdCardReaderEmulator emu = new IdCardReaderEmulator(cable::openDevice, 115200);
             SamvIdCardReader reader = new SamvIdCardReader("id-reader", cable::openHost, 115200, SamvIdCardReader.Options.defaults())) {
            reader.open();
            cable.unplug();
            assertThat(reader.checkHealth().ok()).isFalse();
            assertThat(reader.state()).isEqualTo(DeviceState.OFFLINE);
            cable.plugIn();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reader.state() != DeviceState.IDLE && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(reader.state()).isEqualTo(DeviceState.IDLE);
            assertThat(reader.statistics().get("ReconnectAttemptCount")).isPositive();
        }
    }

    @Test
    void theEmulatorAnswersBrokenCommandsAsAReaderDoes() throws Exception {
        MemoryCable cable = new MemoryCable("id");
        try (IdCardReaderEmulator emu = new IdCardReaderEmulator(cable::openDevice, 115200)) {
            SerialLink host = cable.openHost(115200);
            byte[] badChecksum = SamCommand.STATUS.frame();
            badChecksum[badChecksum.length - 1] ^= 1;
            assertThat(exchange(host, badChecksum)).isEqualTo(SamStatus.COMMAND_CHECKSUM.code());
            assertThat(exchange(host, SamFrames.command(0x77, 0x01))).isEqualTo(SamStatus.COMMAND_UNKNOWN.code());
            assertThat(exchange(host, SamCommand.SELECT_CARD.frame())).isEqualTo(SamStatus.SELECT_FAILED.code());
            assertThat(exchange(host, SamCommand.READ_TEXT_PHOTO.frame())).isEqualTo(SamStatus.READ_FAILED.code());
            assertThat(exchange(host, SamCommand.RESET.frame())).isEqualTo(SamStatus.SUCCESS.code());
            assertThat(emu.commandsReceived()).isEqualTo(4); // the frame with a bad checksum is not a command
        }
    }

    static int exchange(SerialLink link, byte[] frame) throws Exception {
        link.write(frame);
        SamFrameDecoder d = new SamFrameDecoder(SamFrameDecoder.Direction.RESPONSES);
        byte[] buf = new byte[256];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline) {
            int n = link.read(buf, 0, buf.length, 100);
            d.feed(buf, 0, n);
            Optional<SamFrame> f = d.next();
            if (f.isPresent()) {
                return f.get().sw3();
            }
        }
        throw new AssertionError("no reply");
    }
}
