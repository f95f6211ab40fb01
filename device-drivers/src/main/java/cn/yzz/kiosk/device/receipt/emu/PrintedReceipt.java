package cn.yzz.kiosk.device.receipt.emu;

import java.nio.file.Path;
import java.util.List;

/**
 * One piece of paper the emulated printer cut off, as an image and as content tests can check.
 *
 * @param png      the rendered receipt at 203 dpi, one pixel per dot
 * @param lines    the text of each printed line, in order (spaces kept, so alignment shows)
 * @param qrCodes  the data of each QR code printed, decoded as UTF-8
 * @param complete false when the paper ran out or the cover opened while it was printing
 */
public record PrintedReceipt(Path png, List<String> lines, List<String> qrCodes, int widthDots, int heightDots,
                             boolean complete) {

    public PrintedReceipt {
        lines = List.copyOf(lines);
        qrCodes = List.copyOf(qrCodes);
    }
}
