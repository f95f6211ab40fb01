package cn.yzz.kiosk.device.receipt;

import java.util.ArrayList;
import java.util.List;

/**
 * What the printer said about itself in its four real-time status bytes (DLE EOT 1–4).
 *
 * @param online        not offline (paper end, an open cover and errors put a printer offline)
 * @param paperEnd      no paper: printing has stopped
 * @param paperNearEnd  the roll is nearly used up: printing still works
 * @param coverOpen     the cover (platen) is open
 * @param cutterError   the auto-cutter is stuck, usually on jammed paper
 * @param otherError    an unrecoverable error, or an auto-recoverable one such as an over-hot head
 */
public record PrinterStatus(boolean online, boolean paperEnd, boolean paperNearEnd, boolean coverOpen,
                            boolean cutterError, boolean otherError) {

    /** True when a receipt can be printed now (a nearly used-up roll still prints). */
    public boolean ready() {
        return online && !paperEnd && !coverOpen && !cutterError && !otherError;
    }

    /**
     * True when what stops the printer is only what anyone on site fixes by hand: no paper, or the cover open (a
     * cutter or other error, or a printer offline for no reason it gives, is a fault).
     */
    public boolean needsHandsOnly() {
        return !ready() && (paperEnd || coverOpen) && !cutterError && !otherError;
    }

    /** Plain words for the administrator, most urgent first; "打印机正常" when all is well. */
    public String detail() {
        List<String> p = new ArrayList<>();
        if (coverOpen) {
            p.add("打印机机盖没有合上：请合上机盖");
        }
        if (paperEnd) {
            p.add("打印机缺纸：请打开机盖装入新的热敏纸卷");
        }
        if (cutterError) {
            p.add("打印机切刀故障：请检查是否卡纸，清除后关开机盖，仍不行请联系运维");
        }
        if (otherError) {
            p.add("打印机报告故障（打印头过热或电压异常）：请稍等片刻，仍不恢复请断电重启打印机");
        }
        if (p.isEmpty() && !online) {
            p.add("打印机处于离线状态：请检查机盖、纸卷和指示灯");
        }
        if (paperNearEnd && !paperEnd) {
            p.add("打印纸即将用完：请尽快换纸");
        }
        return p.isEmpty() ? "打印机正常" : String.join("；", p);
    }
}
