package cn.yzz.kiosk.device.bench;

import cn.yzz.kiosk.device.receipt.EscPos;
import cn.yzz.kiosk.device.receipt.EscPosReceiptPrinter;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.Receipt;
import cn.yzz.kiosk.device.receipt.ReceiptLine;
import cn.yzz.kiosk.device.receipt.SampleReceipts;
import cn.yzz.kiosk.device.receipt.emu.ReceiptPrinterEmulator;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.PtyPair;
import cn.yzz.kiosk.device.serial.SerialSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Printing a receipt through the real driver and jSerialComm over a socat pty, against the
 * emulator taking bytes at 115200 baud: the job (status before, paced write, status after) should
 * cost little more than its wire time. Prints figures beside their limits; asserts nothing about time.
 */
@Tag("bench")
class ReceiptBench {

    static final int BAUD = 115200;
    /** A status check before and after the job: four DLE EOT requests (3 bytes) and four one-byte replies each. */
    static final int STATUS_BYTES = 2 * (4 * 3 + 4);

    @TempDir Path dir;

    @Test
    void receiptAt115200() throws Exception {
        Receipt textAndQr = withoutLogo(SampleReceipts.payment(Paper.MM80));
        Receipt withLogo = SampleReceipts.payment(Paper.MM80);
        try (PtyPair pty = PtyPair.open(dir, "bench");
             ReceiptPrinterEmulator emu = new ReceiptPrinterEmulator(LinkOpener.serialPort(pty.deviceEnd().toString()), BAUD,
                     Paper.MM80, SampleReceipts.outDir("bench"));
             EscPosReceiptPrinter printer = new EscPosReceiptPrinter("receipt-printer", LinkOpener.serialPort(pty.hostEnd().toString()), BAUD)) {
            printer.open();
            emu.setPaced(true);
            report("text + QR receipt", printer, textAndQr);
            report("receipt with a 192x64 logo", printer, withLogo);
        }
    }

    private static void report(String what, EscPosReceiptPrinter printer, Receipt receipt) throws Exception {
        int bytes = EscPos.encode(receipt).length + STATUS_BYTES;
        double wire = SerialSettings.wireNanos(bytes, BAUD) / 1e6;
        double p50 = p50(printer, receipt, 5, 11);
        Bench.report(String.format("%s, %d bytes on the wire at %d baud: print p50 (wire time %.1f ms)", what, bytes, BAUD, wire),
                p50, wire * 1.1, "ms");
        Bench.report(String.format("%s: print time / wire time", what), p50 / wire, 1.1, "x");
    }

    private static double p50(EscPosReceiptPrinter printer, Receipt receipt, int warmup, int runs) throws Exception {
        double[] ms = new double[runs];
        for (int i = -warmup; i < runs; i++) {
            long t0 = System.nanoTime();
            printer.print(receipt).get(30, TimeUnit.SECONDS);
            long t = System.nanoTime() - t0;
            if (i >= 0) {
                ms[i] = t / 1e6;
            }
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    private static Receipt withoutLogo(Receipt r) {
        return new Receipt(r.paper(), r.lines().stream().filter(l -> !(l instanceof ReceiptLine.Logo)).toList());
    }
}
