package cn.yzz.kiosk.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.device.DeviceState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DeviceStates}: what the kiosk writes, kioskctl reads back; a damaged file says so. */
class DeviceStatesTest {

    @TempDir
    Path data;

    @Test
    void writtenStatesReadBackAndReplaceTheOldOnesWhole() throws Exception {
        Instant t = Instant.parse("2026-06-01T02:00:00Z");
        assertThat(DeviceStates.read(data)).isEmpty();
        assertThat(DeviceStates.writtenAt(data)).isEmpty();
        DeviceStates.write(data, List.of(new DeviceStates.Entry("receipt-printer", "escpos", DeviceState.IDLE, "正常", t)), t);
        List<DeviceStates.Entry> two = List.of(
                new DeviceStates.Entry("receipt-printer", "escpos", DeviceState.FAILED, "缺纸：请换纸卷", t.plusSeconds(60)),
                new DeviceStates.Entry("idcard-reader", "samv", DeviceState.OFFLINE, "读到 440105199001011234 后断开", null));
        DeviceStates.write(data, two, t.plusSeconds(60));

        List<DeviceStates.Entry> read = DeviceStates.read(data);
        assertThat(read).hasSize(2);
        assertThat(read.get(0)).isEqualTo(two.get(0));
        assertThat(read.get(1).detail()).isEqualTo("读到 440***********1234 后断开");
        assertThat(read.get(1).since()).isNull();
        assertThat(DeviceStates.writtenAt(data)).contains(t.plusSeconds(60));
        try (var files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(DeviceStates.FILE);
        }
    }

    @Test
    void aDamagedFileIsAnIoErrorThatNamesIt() throws Exception {
        Files.writeString(data.resolve(DeviceStates.FILE), "{\"devices\": [{\"kind\": \"qr-scanner\", \"state\": \"EXPLODED\"}]}");
        assertThatThrownBy(() -> DeviceStates.read(data)).isInstanceOf(IOException.class).hasMessageContaining(DeviceStates.FILE);
    }
}
