package cn.yzz.kiosk.device.detect;

import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.receipt.PrinterStatus;
import cn.yzz.kiosk.device.receipt.RealTimeStatus;

/**
 * ESC/POS receipt printers: the four real-time status requests {@code DLE EOT 1..4} (devices.md §4.5), which a
 * printer answers at once with one byte each and never prints. All four must carry the fixed bits, so a
 * stray byte from another device (1 in 16 would pass one check) is not taken for a printer.
 */
final class EscPosProbe implements Probe {

    @Override
    public DeviceKind kind() {
        return DeviceKind.RECEIPT_PRINTER;
    }

    @Override
    public String driver() {
        return "escpos";
    }

    @Override
    public int usualBaud() {
        return 115200;
    }

    @Override
    public Conversation start() {
        return new Conversation() {
            private final int[] replies = new int[4];
            private int asked = 1;

            @Override
            public byte[] question() {
                return RealTimeStatus.request(1);
            }

            @Override
            public Verdict hear(byte[] answer) {
                if (answer.length != 1 || !RealTimeStatus.plausible(asked, answer[0])) {
                    return Verdict.NOT_MINE;
                }
                replies[asked - 1] = answer[0] & 0xFF;
                if (asked < 4) {
                    asked++;
                    return new Verdict.Ask(RealTimeStatus.request(asked));
                }
                PrinterStatus s = RealTimeStatus.decode(replies[0], replies[1], replies[2], replies[3]);
                return Verdict.found("ESC/POS 小票打印机：" + s.detail());
            }
        };
    }
}
