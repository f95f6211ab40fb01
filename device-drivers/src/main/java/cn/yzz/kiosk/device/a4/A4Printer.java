package cn.yzz.kiosk.device.a4;

import cn.yzz.kiosk.device.Device;
import java.util.concurrent.CompletableFuture;

/**
 * The kiosk's A4 printer. {@link #print} lays the document out, sends it and follows the job until
 * the printer has finished it; the future then completes, or fails with a
 * {@link cn.yzz.kiosk.device.DeviceException} whose message says why in plain words
 * ({@code NOT_ANSWERING}: printer or print service missing, or the job did not finish in time;
 * {@code DEVICE_FAULT}: printer paused, not accepting, job aborted, no Chinese font; {@code MEDIA_ERROR}:
 * the document does not fit on A4; {@code CLOSED}: job cancelled). Nothing blocks the caller.
 */
public interface A4Printer extends Device {

    /** Prints without following the pages. */
    default CompletableFuture<PrintResult> print(A4Document document) {
        return print(document, Progress.NONE);
    }

    /**
     * Prints, telling {@code progress} how many pages are done as the printer reports them.
     * {@code progress} hears {@code 0} once the job is with the printer, then each page count the printer
     * reports, never going back, and the full count only when the printer says the job is done, just before the
     * future completes; nothing after a failure. A printer that counts nothing on the way gives {@code 0}, then
     * the full count. It is called on the printer's thread and must return quickly.
     */
    CompletableFuture<PrintResult> print(A4Document document, Progress progress);

    /** How far a job has come. */
    @FunctionalInterface
    interface Progress {
        /** Ignores every report. */
        Progress NONE = (done, total) -> { };

        /**
         * @param done  pages the printer reports finished
         * @param total pages of the document
         */
        void pages(int done, int total);
    }

    /**
     * A finished print, and where its time went.
     *
     * @param printer      the queue it went to
     * @param jobId        the print service's job number
     * @param pages        pages printed
     * @param millis       from the call to the printer reporting the job done
     * @param layoutMillis laying the pages out (fonts, wrapping, page breaks)
     * @param spoolMillis  drawing the pages into what the print service takes (PostScript for CUPS) and handing it over
     */
    record PrintResult(String printer, int jobId, int pages, long millis, long layoutMillis, long spoolMillis) {

        /** Without a breakdown of the time. */
        public PrintResult(String printer, int jobId, int pages, long millis) {
            this(printer, jobId, pages, millis, 0, 0);
        }

        /** The rest of the time: the print service and the printer (for CUPS: queue, filters, backend, and our polls). */
        public long serviceMillis() {
            return Math.max(0, millis - layoutMillis - spoolMillis);
        }
    }
}
