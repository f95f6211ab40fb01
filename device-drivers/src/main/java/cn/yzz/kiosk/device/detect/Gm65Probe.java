package cn.yzz.kiosk.device.detect;

import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.qr.ScannerCommands;

/**
 * GM65-class scanner modules (the {@code generic} driver, devices.md §3.5): a read of the mode register,
 * answered {@code 02 00 00 LEN DATA CRC}. Reading a register changes nothing.
 */
final class Gm65Probe implements Probe {

    @Override
    public DeviceKind kind() {
        return DeviceKind.QR_SCANNER;
    }

    @Override
    public String driver() {
        return "generic";
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
                return ScannerCommands.gm65Read(ScannerCommands.GM65_MODE_REGISTER, 1);
            }

            @Override
            public Verdict hear(byte[] answer) {
                for (int i = 0; i + 6 <= answer.length; i++) { // a code being shown may come first
                    if (answer[i] != 0x02) {
                        continue;
                    }
                    int end = i + 6 + (answer[i + 3] & 0xFF);
                    if (end <= answer.length) {
                        byte[] data = ScannerCommands.gm65ReplyData(java.util.Arrays.copyOfRange(answer, i, end));
                        if (data != null && data.length == 1) {
                            return Verdict.found(String.format("GM65 类扫码模组，模式寄存器 0x%02X（%s）", data[0] & 0xFF,
                                    mode(data[0] & 0b11)));
                        }
                    }
                }
                return Verdict.NOT_MINE;
            }
        };
    }

    private static String mode(int bits) {
        return switch (bits) {
            case 0 -> "手动";
            case ScannerCommands.GM65_MODE_COMMAND -> "命令触发";
            case ScannerCommands.GM65_MODE_CONTINUOUS -> "连续";
            default -> "感应";
        };
    }
}
