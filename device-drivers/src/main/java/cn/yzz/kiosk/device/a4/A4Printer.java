package cn.yzz.kiosk.device.a4;

import cn.yzz.kiosk.device.Device;
import java.util.concurrent.CompletableFuture;

/**
 * The kiosk's A4 printer. {@link #print} lays the document out, sends it and follows the job until
 * the printer has finished it; the future then completes, or fails with a
 * {@link cn.yzz.kiosk.device.DeviceException} whose message says why in plain words
 * ({@code NOT_ANSWERING}: printer or print service missing, or the job did not finish in time;
 * {@code DEVICE_FAULT}: printer paused, not accepting, job aborted, no Chinese font; {@code CLOSED}:
 * job cancelled). Nothing blocks the caller.
 */
public interface A4Printer extends Device {

    CompletableFuture<PrintResult> print(A4Document document);

    /**
     * A finished print.
     *
     * @param printer the queue it went to
     * @param jobId   the print service's job number
     * @param pages   pages printed
     * @param millis  from the call to the printer reporting the job done
     */
    record PrintResult(String printer, int jobId, int pages, long millis) {}
}
