package cn.yzz.kiosk.installer;

import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.emu.ReceiptPrinterEmulator;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.PtyPair;
import java.io.IOException;
import java.nio.file.Path;

/** The emulated receipt printer on the device end of a real socat pty pair; commands print to {@link #port()}. */
final class EmulatedPrinter implements AutoCloseable {

    final PtyPair pty;
    final ReceiptPrinterEmulator emulator;

    /** Receipts are rendered to {@code installer/target/receipts/NAME}. */
    EmulatedPrinter(Path dir, Paper paper, String name) throws IOException {
        pty = PtyPair.open(dir, "prn");
        try {
            emulator = new ReceiptPrinterEmulator(LinkOpener.serialPort(pty.deviceEnd().toString()), 115200, paper,
                    Path.of(System.getProperty("basedir", "."), "target", "receipts", name));
        } catch (IOException | RuntimeException e) {
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
