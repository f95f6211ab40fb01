package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.sync.QueryAnswer;
import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.a4.A4Document;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.Receipt;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A query's answer on paper: an A4 document (title, the person masked, the table over as many pages as it needs
 * with its heading repeated, page numbers, the verify code as a QR code) or a receipt. Pure: nothing is printed here.
 */
public final class Printouts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9,]*(\\.[0-9]+)?%?");

    private Printouts() {}

    public static A4Document a4(QueryAnswer a, Person person, String kioskId, OffsetDateTime at) {
        List<A4Document.Field> header = new ArrayList<>();
        if (person != null) {
            header.add(new A4Document.Field("姓名", Mask.name(person.name())));
            header.add(new A4Document.Field("公民身份号码", Mask.number(person.idNumber())));
        }
        header.add(new A4Document.Field("打印时间", at.format(TIME)));
        header.add(new A4Document.Field("打印终端", kioskId.isEmpty() ? "未登记" : kioskId));
        header.add(new A4Document.Field("记录条数", a.body().size() + " 条"));
        List<String> heading = a.heading();
        List<A4Document.Column> columns = new ArrayList<>();
        for (int i = 0; i < heading.size(); i++) {
            int widest = heading.get(i).length();
            boolean numeric = !a.body().isEmpty();
            for (List<String> row : a.body()) {
                widest = Math.max(widest, row.get(i).length());
                numeric &= NUMBER.matcher(row.get(i).trim()).matches();
            }
            columns.add(new A4Document.Column(heading.get(i), Math.max(2, Math.min(widest, 24)),
                    numeric ? A4Document.Align.RIGHT : A4Document.Align.LEFT));
        }
        String qr = a.verifyCode().isEmpty() ? "YZZ-PRINT:" + kioskId + ":" + at.toEpochSecond() : a.verifyCode();
        return new A4Document(a.title(), header, columns, a.body(), qr, a.verifyCode().isEmpty() ? "打印记录编号" : "扫码核验本打印件",
                a.footer().isEmpty() ? "本件由粤智助自助终端打印，仅供参考；以业务部门系统数据为准。" : a.footer());
    }

    public static Receipt receipt(QueryAnswer a, Person person, String kioskId, OffsetDateTime at, Paper paper) {
        Receipt.Builder b = Receipt.on(paper).title(a.title()).separator();
        if (person != null) {
            b.field("姓名", Mask.name(person.name())).field("证件号码", Mask.number(person.idNumber()));
        }
        b.field("打印时间", at.format(TIME)).field("终端", kioskId.isEmpty() ? "未登记" : kioskId).separator();
        List<String> heading = a.heading();
        for (List<String> row : a.body()) {
            for (int i = 0; i < row.size(); i++) {
                b.field(heading.get(i), row.get(i));
            }
            b.separator();
        }
        if (!a.verifyCode().isEmpty()) {
            b.qr(a.verifyCode()).centred("扫码核验");
        }
        if (!a.footer().isEmpty()) {
            b.centred(a.footer());
        }
        return b.build();
    }
}
