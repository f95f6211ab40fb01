package cn.yzz.kiosk.device.receipt.emu;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;

/** The font the emulated printer draws with: one that has Chinese glyphs, or a clear error. */
final class CjkFont {

    private static final String SAMPLE = "粤智助凭条缴费金额";
    private static final String WQY_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    private CjkFont() {}

    static Font find() {
        Font f = new Font("WenQuanYi Micro Hei", Font.PLAIN, 24);
        if (f.canDisplayUpTo(SAMPLE) == -1) {
            return f;
        }
        File wqy = new File(WQY_FILE);
        if (wqy.isFile()) {
            try {
                f = Font.createFonts(wqy)[0].deriveFont(24f);
                if (f.canDisplayUpTo(SAMPLE) == -1) {
                    return f;
                }
            } catch (IOException | FontFormatException e) {
                // try the installed fonts below
            }
        }
        for (Font any : GraphicsEnvironment.getLocalGraphicsEnvironment().getAllFonts()) {
            if (any.canDisplayUpTo(SAMPLE) == -1) {
                return any.deriveFont(24f);
            }
        }
        throw new IllegalStateException("没有能显示中文的字体，无法画出凭条：请安装 fonts-wqy-microhei");
    }
}
