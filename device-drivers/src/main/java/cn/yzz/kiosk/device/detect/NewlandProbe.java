package cn.yzz.kiosk.device.detect;

import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.qr.ScannerCommands;
import java.util.Arrays;

/**
 * Newland NLS modules (devices.md §3.4): the query {@code #SCNMOD*} ({@code #}: not stored; {@code *}: ask the
 * value), answered {@code STX SOH 0000 … ACK|NAK|ENQ ; ETX}. Any such reply is a Newland module.
 */
final class NewlandProbe implements Probe {

    @Override
    public DeviceKind kind() {
        return DeviceKind.QR_SCANNER;
    }

    @Override
    public String driver() {
        return "newland";
    }

    @Override
    public int usualBaud() {
        return 9600;
    }

    @Override
    public Conversation start() {
        return new Conversation() {
            @Override
            public byte[] question() {
                return ScannerCommands.newland(false, "SCNMOD*");
            }

            @Override
            public Verdict hear(byte[] answer) {
                for (int i = 0; i + 1 < answer.length; i++) {
                    if (answer[i] != 0x02 || answer[i + 1] != 0x01) {
                        continue;
                    }
                    for (int k = i + 2; k + 1 < answer.length; k++) {
                        if (answer[k] == ';' && answer[k + 1] == 0x03) {
                            int status = ScannerCommands.newlandReplyStatus(Arrays.copyOfRange(answer, i, k + 2));
                            if (status >= 0) {
                                return Verdict.found("新大陆扫码模组" + (status == 0x06 ? "" : String.format("（查询应答 0x%02X）", status)));
                            }
                            break;
                        }
                    }
                }
                return Verdict.NOT_MINE;
            }
        };
    }
}
