package cn.yzz.kiosk.device.qr;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.qr.SerialQrScanner.Mode;
import cn.yzz.kiosk.device.serial.ScriptedDevice;
import cn.yzz.kiosk.device.serial.SerialLink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real driver against a minimal scripted Newland module that knows only the settings devices.md §3.4
 * names (SCNMOD0/2, SCNTRG0/1, ORTSET, RRDDUR, GRBENA) and answers anything else with ENQ, as §3.4 allows.
 */
class NewlandDocConformanceTest {

    static final List<String> DOCUMENTED = List.of("SCNMOD0", "SCNMOD2", "SCNTRG1", "SCNTRG0", "ORTSET", "RRDDUR", "GRBENA");

    @TempDir Path dir;
    ScriptedDevice device;
    SerialQrScanner scanner;
    final List<String> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (scanner != null) {
            scanner.close();
        }
        if (device != null) {
            device.close();
        }
    }

    @Test
    void aHealthCheckUsesOnlyDocumentedCommandsAndFindsTheModuleWell() throws Exception {
        device = ScriptedDevice.start(dir, "newland-doc", 9600, serve());
        scanner = new SerialQrScanner("scanner", device.host(), 9600,
                SerialQrScanner.Options.of(ScannerFamily.NEWLAND, Mode.HOST_TRIGGER));
        scanner.open();
        assertThat(scanner.state()).isEqualTo(DeviceState.IDLE);

        Health h = scanner.checkHealth();

        assertThat(h.status()).as(h.toString()).isEqualTo(Health.Status.OK);
        assertThat(received).as("every command the driver sent is one §3.4 documents")
                .allMatch(c -> DOCUMENTED.stream().anyMatch(c::startsWith));
    }

    /** {@code ~ SOH 0000 flag COMMAND ; ETX} in; {@code STX SOH 0000 flag COMMAND ACK|ENQ ; ETX} out. */
    private ScriptedDevice.Script serve() {
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        return (buf, n, device) -> {
            pending.write(buf, 0, n);
            byte[] all = pending.toByteArray();
            int from = 0;
            for (int i = 0; i + 1 < all.length; i++) {
                if (all[i] == ';' && all[i + 1] == 0x03) {
                    reply(new String(all, from, i - from, StandardCharsets.US_ASCII), device);
                    from = i + 2;
                }
            }
            pending.reset();
            pending.write(all, from, all.length - from);
        };
    }

    private void reply(String frame, SerialLink device) throws Exception {
        int at = frame.indexOf("0000");
        String flagged = at >= 0 ? frame.substring(at + 4) : frame; // "#SCNTRG1"
        String command = flagged.isEmpty() ? "" : flagged.substring(1);
        received.add(command);
        boolean known = DOCUMENTED.stream().anyMatch(command::startsWith) && !command.contains("*");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0x02, 0x01, '0', '0', '0', '0'});
        out.writeBytes(flagged.getBytes(StandardCharsets.US_ASCII));
        out.write(known ? 0x06 : 0x05);
        out.write(';');
        out.write(0x03);
        device.write(out.toByteArray());
    }
}
