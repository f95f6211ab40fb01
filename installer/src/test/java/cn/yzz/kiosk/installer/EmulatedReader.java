package cn.yzz.kiosk.installer;

import cn.yzz.kiosk.device.idcard.emu.IdCardReaderEmulator;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.PtyPair;
import java.io.IOException;
import java.nio.file.Path;

/** The emulated reader on the device end of a real socat pty pair; commands read from {@link #port()}. */
final class EmulatedReader implements AutoCloseable {

    final PtyPair pty;
    final IdCardReaderEmulator emulator;

    EmulatedReader(Path dir) throws IOException {
        pty = PtyPair.open(dir, "idr");
        try {
            emulator = new IdCardReaderEmulator(LinkOpener.serialPort(pty.deviceEnd().toString()), 115200);
        } catch (IOException e) {
            pty.close();
            throw e;
        }
    }

    String port() {
        return pty.hostEnd().toString();
    }

    @Override
    public void close() {
        emulator.close();
        pty.close();
    }
}
