package cn.yzz.kiosk.demo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.service.CashSlips;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.device.receipt.EscPosReceiptPrinter;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.emu.ReceiptPrinterEmulator;
import cn.yzz.kiosk.device.serial.MemoryCable;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The change voucher and the cash box audit through the real ESC/POS driver to the receipt printer emulator, which
 * renders each cut slip as a PNG: the voucher's QR code reads back as its number, as a village committee's phone
 * would read it. The PNGs are kept in target/cash-slips to look at.
 */
class CashSlipPrintTest {

    private static final Path OUT = Path.of("target", "cash-slips");

    @Test
    void theVoucherSlipCarriesItsNumberInItsQrCodeAndTheAuditPrints() throws Exception {
        Path paper = Files.createTempDirectory("slips");
        MemoryCable cable = new MemoryCable("slips");
        try (ReceiptPrinterEmulator emulator = new ReceiptPrinterEmulator(cable::openDevice, 115200, Paper.MM80, paper);
             EscPosReceiptPrinter printer = new EscPosReceiptPrinter("receipt-printer", cable::openHost, 115200)) {
            printer.open();
            OffsetDateTime at = OffsetDateTime.of(2026, 12, 6, 10, 30, 0, 0, ZoneOffset.ofHours(8));
            printer.print(CashSlips.voucher(new CashSlips.Voucher("WJ-0042-Z20261206-01", 2000, 20000, "李**", "WJ-0042", at,
                    "WJ-0042-20261206-0007"), Paper.MM80)).get(30, TimeUnit.SECONDS);
            Path voucher = slip(paper, 1);
            BufferedImage image = ImageIO.read(voucher.toFile());
            assertThat(KioskScreen.decode(image)).isEqualTo("WJ-0042-Z20261206-01");

            Transaction audit = new Transaction(UUID.randomUUID(), "cash-audit", null, at, "admin", null, Map.of(), null,
                    null, null, Map.of("cashboxFen", 57000L, "notes", Map.of("10000", 5, "5000", 1, "2000", 1),
                    "periodStart", "2026-12-01T08:00:00+08:00", "periodEnd", "2026-12-06T10:30:00+08:00"), null);
            printer.print(CashSlips.audit(CashSlips.Audit.of(audit, "WJ-0042"), Paper.MM80)).get(30, TimeUnit.SECONDS);
            Path auditSlip = slip(paper, 2);
            assertThat(auditSlip).isNotEqualTo(voucher);
            assertThat(ImageIO.read(auditSlip.toFile()).getHeight()).as("a slip of a dozen lines").isGreaterThan(400);

            Files.createDirectories(OUT);
            Files.copy(voucher, OUT.resolve("voucher.png"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(auditSlip, OUT.resolve("cash-audit.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The {@code n}th slip the emulator cut (1-based), once it is written whole. */
    private static Path slip(Path dir, int n) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> pngs = files.filter(p -> p.toString().endsWith(".png"))
                        .sorted(java.util.Comparator.comparingLong(f -> f.toFile().lastModified())).toList();
                if (pngs.size() >= n && ImageIO.read(pngs.get(n - 1).toFile()) != null) {
                    return pngs.get(n - 1);
                }
            } catch (java.io.IOException stillBeingWritten) {
                // read again
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("no slip " + n + " in " + dir);
            }
            Thread.sleep(50);
        }
    }
}
