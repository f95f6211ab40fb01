package cn.yzz.kiosk.device.receipt;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.nio.file.Path;

/** Receipts the tests print: what a villager takes home after paying a contribution. */
public final class SampleReceipts {

    public static final String VERIFY_URL = "https://yzz.gd.gov.cn/v/2026112300017?c=8F3A";

    private SampleReceipts() {}

    /** A payment receipt with a logo, aligned fields, an amount and a QR code to verify it. */
    public static Receipt payment(Paper paper) {
        return Receipt.on(paper)
                .logo(logo())
                .title("粤智助缴费凭条")
                .centred("城乡居民养老保险")
                .separator()
                .field("业务编号", "2026112300017")
                .field("缴费人", "陈**")
                .field("证件号码", "441***********0012")
                .field("缴费年度", "2026")
                .field("办理地点", "连南县三江镇金坑村委会")
                .field("时间", "2026-11-23 10:15")
                .separator()
                .amount("缴费金额", new BigDecimal("360"))
                .amount("实收", new BigDecimal("360.00"))
                .separator()
                .centred("扫码核验凭条真伪")
                .qr(VERIFY_URL)
                .centred("请妥善保管本凭条")
                .build();
    }

    /** A 192×64 emblem: a ring and 粤智助, drawn with the same kind of Chinese font the kiosk uses. */
    public static ReceiptLine.Logo logo() {
        BufferedImage img = new BufferedImage(192, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 192, 64);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(5));
        g.drawOval(4, 4, 56, 56);
        g.fillOval(22, 22, 20, 20);
        g.setFont(new Font("WenQuanYi Micro Hei", Font.BOLD, 36));
        g.drawString("粤智助", 70, 46);
        g.dispose();
        return ReceiptLine.Logo.of(img);
    }

    /** Where a test's rendered receipts go: {@code device-drivers/target/receipts/NAME}. */
    public static Path outDir(String name) {
        return Path.of(System.getProperty("basedir", "."), "target", "receipts", name);
    }
}
