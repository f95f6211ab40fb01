package cn.yzz.kiosk.device.detect;

import cn.yzz.kiosk.device.idcard.samv.SamCommand;
import cn.yzz.kiosk.device.idcard.samv.SamFrame;
import cn.yzz.kiosk.device.idcard.samv.SamFrameDecoder;
import cn.yzz.kiosk.device.idcard.samv.SamFrameException;
import cn.yzz.kiosk.device.idcard.samv.SamStatus;
import cn.yzz.kiosk.device.profile.DeviceKind;
import java.util.HexFormat;
import java.util.Optional;

/**
 * SAM_V ID card readers (GA 467, devices.md §1.4): the status check {@code 11 FF}, then the security
 * module's id {@code 12 FF}; both only read. A well-formed response frame (preamble, length, checksum,
 * SW1 SW2 = 00 00) is a SAM_V reader whatever its status says.
 */
final class SamvProbe implements Probe {

    @Override
    public DeviceKind kind() {
        return DeviceKind.IDCARD_READER;
    }

    @Override
    public String driver() {
        return "samv";
    }

    @Override
    public int usualBaud() {
        return 115200;
    }

    @Override
    public Conversation start() {
        return new Conversation() {
            private boolean askedId;

            @Override
            public byte[] question() {
                return SamCommand.STATUS.frame();
            }

            @Override
            public Verdict hear(byte[] answer) {
                Optional<SamFrame> frame = frame(answer);
                if (askedId) {
                    return Verdict.found("身份证读卡器，安全模块正常" + frame
                            .filter(f -> f.sw3() == SamStatus.SUCCESS.code() && f.responseData().length == 16)
                            .map(f -> "，SAM 编号 " + samId(f.responseData())).orElse(""));
                }
                if (frame.isEmpty()) {
                    return Verdict.NOT_MINE;
                }
                int sw3 = frame.get().sw3();
                if (sw3 == SamStatus.SUCCESS.code()) {
                    askedId = true;
                    return new Verdict.Ask(SamCommand.SAM_ID.frame());
                }
                SamStatus s = SamStatus.of(sw3);
                return Verdict.found(String.format("身份证读卡器，安全模块报告 %02X（%s）", sw3, s == null ? "未定义的状态" : s.meaning()));
            }
        };
    }

    private static Optional<SamFrame> frame(byte[] answer) {
        SamFrameDecoder decoder = new SamFrameDecoder(SamFrameDecoder.Direction.RESPONSES);
        decoder.feed(answer);
        for (int i = 0; i <= answer.length; i++) { // each failure consumes bytes; bounded all the same
            try {
                Optional<SamFrame> f = decoder.next();
                return f.filter(SamFrame::swPrefixValid);
            } catch (SamFrameException e) {
                // a bad frame (noise at a wrong speed): look further along
            }
        }
        return Optional.empty();
    }

    /** As the driver shows it: 16 bytes in hex, four to a group. */
    private static String samId(byte[] id) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < id.length; i += 4) {
            b.append(i == 0 ? "" : "-").append(HexFormat.of().withUpperCase().formatHex(id, i, Math.min(id.length, i + 4)));
        }
        return b.toString();
    }
}
