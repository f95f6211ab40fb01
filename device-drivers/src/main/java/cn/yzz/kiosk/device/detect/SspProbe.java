package cn.yzz.kiosk.device.detect;

import cn.yzz.kiosk.device.cash.ssp.SspCommand;
import cn.yzz.kiosk.device.cash.ssp.SspException;
import cn.yzz.kiosk.device.cash.ssp.SspFrame;
import cn.yzz.kiosk.device.cash.ssp.SspFrameDecoder;
import cn.yzz.kiosk.device.cash.ssp.SspResponse;
import cn.yzz.kiosk.device.profile.DeviceKind;
import java.util.Optional;

/**
 * ITL SSP note validators (essp.md), 8N2: {@code SYNC} to address 0 and nothing else. SYNC only resets the
 * sequence flag, which every host starts with anyway; the validator stays disabled (no ENABLE is ever sent),
 * so it takes no note. Any reply frame from address 0 is an SSP unit.
 */
final class SspProbe implements Probe {

    @Override
    public DeviceKind kind() {
        return DeviceKind.CASH_ACCEPTOR;
    }

    @Override
    public String driver() {
        return "essp";
    }

    @Override
    public int usualBaud() {
        return 9600;
    }

    @Override
    public int stopBits() {
        return 2;
    }

    @Override
    public Conversation start() {
        return new Conversation() {
            @Override
            public byte[] question() {
                return SspFrame.of(true, 0, new byte[] {(byte) SspCommand.SYNC}).encode();
            }

            @Override
            public Verdict hear(byte[] answer) {
                SspFrameDecoder decoder = new SspFrameDecoder();
                decoder.feed(answer);
                for (int i = 0; i <= answer.length; i++) {
                    Optional<SspFrame> f;
                    try {
                        f = decoder.next();
                    } catch (SspException e) {
                        continue; // noise: look further along
                    }
                    if (f.isEmpty()) {
                        break;
                    }
                    SspResponse response;
                    try {
                        response = SspResponse.of(f.get().first()); // not our own SYNC echoed by a loopback
                    } catch (SspException e) {
                        continue;
                    }
                    if (f.get().address() == 0) {
                        return Verdict.found(response == SspResponse.OK ? "SSP 纸币识别器（地址 0）"
                                : "SSP 纸币识别器（地址 0），SYNC 应答 " + response);
                    }
                }
                return Verdict.NOT_MINE;
            }
        };
    }
}
