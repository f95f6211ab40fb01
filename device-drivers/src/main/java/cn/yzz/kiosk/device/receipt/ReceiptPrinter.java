package cn.yzz.kiosk.device.receipt;

import cn.yzz.kiosk.device.Device;
import java.util.concurrent.CompletableFuture;

/**
 * A receipt printer. Every job is checked before (nothing is sent to a printer that is out of
 * paper, open or silent) and after (a printer that ran out of paper or failed during the job
 * fails the job). The futures fail with a {@link cn.yzz.kiosk.device.DeviceException} whose
 * message is plain Chinese: {@code MEDIA_ERROR} for paper end or an open cover (fixable on site),
 * {@code DEVICE_FAULT} for cutter and other errors, {@code NOT_ANSWERING}, {@code PROTOCOL}.
 */
public interface ReceiptPrinter extends Device {

    /** Prints and cuts one receipt. Jobs queue one behind the other. */
    CompletableFuture<PrintJob> print(Receipt receipt);

    /** Asks the printer for its status now. */
    CompletableFuture<PrinterStatus> status();

    /**
     * The status seen last (by a job, a check or the heartbeat), without asking; null before the first answer. What a
     * screen uses to tell a FAILED printer that only needs paper or its cover shut from one that is broken.
     */
    PrinterStatus lastStatus();

    /**
     * A job the printer took and finished.
     *
     * @param bytes  ESC/POS bytes sent
     * @param millis from the status check before to the one after
     * @param after  the status after the job: it may say the paper is nearly used up
     */
    record PrintJob(int bytes, long millis, PrinterStatus after) {}
}
