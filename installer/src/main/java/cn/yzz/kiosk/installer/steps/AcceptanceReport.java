package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.profile.DeviceSpec;
import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import cn.yzz.kiosk.installer.steps.Acceptance.Result;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The acceptance report (验收报告) as an A4 PDF, to print and sign: the kiosk, its devices with what they said about
 * themselves, every item's result, and the lines for the signatures. The Chinese font is embedded (a subset), so the
 * file reads the same on any computer and its text can be searched and copied.
 */
public final class AcceptanceReport {

    /** The kiosk's Chinese font (package fonts-wqy-microhei) first; TrueType only, which PDFBox embeds. */
    static final List<Path> FONT_FILES = List.of(Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"));
    static final List<String> FONT_NAMES = List.of("WenQuanYiMicroHei", "WenQuanYiZenHei");

    static final Map<DeviceKind, String> DEVICE_NAMES = Map.of(DeviceKind.IDCARD_READER, "身份证读卡器",
            DeviceKind.QR_SCANNER, "扫码器", DeviceKind.RECEIPT_PRINTER, "凭条打印机", DeviceKind.A4_PRINTER, "A4 打印机",
            DeviceKind.SSCARD_READER, "社保卡读卡器", DeviceKind.CASH_ACCEPTOR, "纸币识别器");

    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final float BODY_PT = 9.5f;
    private static final float LINE = 14;
    private static final float PAD = 4;

    private AcceptanceReport() {}

    /** Writes the report to {@code file}, replacing one that is there. */
    public static void write(Acceptance.Run run, String installer, Path file) throws InstallerException {
        Path fontFile = FONT_FILES.stream().filter(Files::isReadable).findFirst().orElseThrow(() -> new InstallerException(
                ExitCodes.FAILURE, "没有能写进报告的中文字体：请安装 fonts-wqy-microhei（apt-get install fonts-wqy-microhei）"));
        try (TrueTypeCollection fonts = new TrueTypeCollection(fontFile.toFile()); PDDocument doc = new PDDocument()) {
            // By name: parsing only up to the face wanted (the file's other face is the monospaced one) saves a second.
            TrueTypeFont regular = null;
            for (String name : FONT_NAMES) {
                regular = regular != null ? regular : fonts.getFontByName(name);
            }
            if (regular == null) {
                throw new IOException("字体文件 " + fontFile + " 里没有 " + String.join("、", FONT_NAMES));
            }
            PDType0Font font = PDType0Font.load(doc, regular, true);
            new Writer(doc, font).report(run, installer);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("粤智助自助终端验收报告 " + run.kioskId());
            info.setCreator("kioskctl acceptance");
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            doc.save(file.toFile());
        } catch (IOException e) {
            throw new InstallerException(ExitCodes.FAILURE, "验收报告写不出来（" + file + "）：" + e.getMessage(), e);
        }
    }

    /** Lays text out top to bottom, starting a page when the next block does not fit. */
    private static final class Writer {

        private final PDDocument doc;
        private final PDType0Font font;
        private final Map<Integer, Float> advances = new HashMap<>();
        private PDPageContentStream cs;
        private float y;

        Writer(PDDocument doc, PDType0Font font) {
            this.doc = doc;
            this.font = font;
        }

        void report(Acceptance.Run run, String installer) throws IOException {
            newPage();
            text("粤智助自助终端验收报告", 18, MARGIN + (WIDTH - width("粤智助自助终端验收报告", 18)) / 2);
            y -= 30;
            String conclusion = run.accepted() ? "全部通过"
                    : "未通过" + (run.failed().isEmpty() ? "" : "：" + Acceptance.titles(run.failed()))
                            + (run.skipped().isEmpty() ? "" : "；已跳过（不算通过）：" + Acceptance.titles(run.skipped()));
            table(List.of(110f, WIDTH - 110), List.of(), List.of(
                    List.of("终端编号", run.kioskId()),
                    List.of("村（居）代码", run.villageCode()),
                    List.of("型号", run.profile().model()),
                    List.of("验收时间", Acceptance.TIME.format(run.started().atZone(run.zone())) + " 至 "
                            + Acceptance.TIME.format(run.ended().atZone(run.zone()))),
                    List.of("安装人员", installer),
                    List.of("结论", conclusion)));
            heading("设备");
            List<List<String>> devices = new ArrayList<>();
            for (DeviceSpec d : run.profile().devices()) {
                String identity = run.results().stream().filter(r -> r.device().filter(d::equals).isPresent())
                        .map(Result::identity).filter(s -> !s.isEmpty()).findFirst().orElse("（驱动未报告）");
                devices.add(List.of(DEVICE_NAMES.getOrDefault(d.kind(), "") + "\n" + d.kind().id(), d.driver(),
                        d.target().orElse("（默认）"), identity));
            }
            table(List.of(110f, 50f, 165f, WIDTH - 325), List.of("设备", "驱动", "端口 / 名称", "序列号 / 固件"), devices);
            heading("检查项目");
            List<List<String>> items = new ArrayList<>();
            for (Result r : run.results()) {
                items.add(List.of(r.item().title() + "\n" + r.item().id(), r.outcome().name(), r.tookText(), r.detail()));
            }
            table(List.of(110f, 40f, 42f, WIDTH - 192), List.of("项目", "结果", "用时", "说明"), items);
            paragraph("PASS：通过；FAIL：未通过；SKIP：安装人员跳过（写明原因），不算通过。个人信息已遮盖。");
            need(110);
            y -= 40;
            float third = WIDTH / 3;
            text("安装人员签字：", 11, MARGIN);
            text("村委会签字：", 11, MARGIN + third);
            text("日期：", 11, MARGIN + 2 * third);
            y -= 6;
            for (int i = 0; i < 3; i++) {
                rule(MARGIN + i * third + (i == 2 ? 30 : 70), MARGIN + (i + 1) * third - 10);
            }
            cs.close();
            footers(run);
        }

        private void footers(Acceptance.Run run) throws IOException {
            int n = doc.getNumberOfPages();
            for (int i = 0; i < n; i++) {
                try (PDPageContentStream f = new PDPageContentStream(doc, doc.getPage(i), PDPageContentStream.AppendMode.APPEND, true)) {
                    String s = "终端 " + run.kioskId() + " 验收报告 · kioskctl acceptance 生成 · 第 " + (i + 1) + " 页 共 " + n + " 页";
                    f.beginText();
                    f.setFont(font, 8);
                    f.newLineAtOffset(MARGIN, 30);
                    f.showText(drawable(s));
                    f.endText();
                }
            }
        }

        private void newPage() throws IOException {
            if (cs != null) {
                cs.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        private void need(float height) throws IOException {
            if (y - height < MARGIN + 20) {
                newPage();
            }
        }

        private void heading(String s) throws IOException {
            need(60);
            y -= 22;
            text(s, 13, MARGIN);
            y -= 8;
        }

        private void paragraph(String s) throws IOException {
            List<String> lines = wrap(s, WIDTH, BODY_PT);
            need(lines.size() * LINE + 10);
            y -= 6;
            for (String l : lines) {
                y -= LINE;
                text(l, BODY_PT, MARGIN);
            }
        }

        /** A table with a heading row (when given) repeated after a page break; cells wrap, on "\n" too. */
        private void table(List<Float> widths, List<String> heading, List<List<String>> rows) throws IOException {
            boolean first = true;
            for (List<String> row : rows) {
                List<List<String>> cells = new ArrayList<>();
                int lines = 1;
                for (int c = 0; c < row.size(); c++) {
                    List<String> wrapped = new ArrayList<>();
                    for (String part : row.get(c).split("\n")) {
                        wrapped.addAll(wrap(part, widths.get(c) - 2 * PAD, BODY_PT));
                    }
                    cells.add(wrapped);
                    lines = Math.max(lines, wrapped.size());
                }
                float h = lines * LINE + 2 * PAD;
                if (first || y - h < MARGIN + 20) {
                    if (!first) {
                        newPage();
                    }
                    need(h + LINE + 2 * PAD);
                    if (!heading.isEmpty()) {
                        row(widths, heading.stream().map(List::of).toList(), LINE + 2 * PAD, true);
                    } else {
                        rule(MARGIN, MARGIN + WIDTH);
                    }
                    first = false;
                }
                row(widths, cells, h, false);
            }
        }

        private void row(List<Float> widths, List<List<String>> cells, float h, boolean shaded) throws IOException {
            if (shaded) {
                cs.setNonStrokingColor(new Color(0xE8, 0xE8, 0xE8));
                cs.addRect(MARGIN, y - h, WIDTH, h);
                cs.fill();
                cs.setNonStrokingColor(Color.BLACK);
                rule(MARGIN, MARGIN + WIDTH);
            }
            float x = MARGIN;
            for (int c = 0; c < cells.size(); c++) {
                float ly = y - PAD;
                for (String l : cells.get(c)) {
                    ly -= LINE;
                    textAt(l, BODY_PT, x + PAD, ly + 3.5f);
                }
                cs.moveTo(x, y);
                cs.lineTo(x, y - h);
                x += widths.get(c);
            }
            cs.moveTo(x, y);
            cs.lineTo(x, y - h);
            cs.stroke();
            y -= h;
            rule(MARGIN, MARGIN + WIDTH);
        }

        private void rule(float from, float to) throws IOException {
            cs.setLineWidth(0.6f);
            cs.moveTo(from, y);
            cs.lineTo(to, y);
            cs.stroke();
        }

        private void text(String s, float size, float x) throws IOException {
            textAt(s, size, x, y);
        }

        private void textAt(String s, float size, float x, float baseline) throws IOException {
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x, baseline);
            cs.showText(drawable(s));
            cs.endText();
        }

        /** Characters the font lacks become □, so one odd character in a message never loses the report. */
        private String drawable(String s) throws IOException {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                out.appendCodePoint(advance(cp) < 0 ? '□' : cp);
                i += Character.charCount(cp);
            }
            return out.toString();
        }

        /** A character's width in 1/1000 of the font size, or -1 when the font cannot draw it; cached, as it is asked often. */
        private float advance(int cp) throws IOException {
            Float w = advances.get(cp);
            if (w == null) {
                String ch = Character.toString(cp);
                try {
                    font.encode(ch);
                    w = font.getStringWidth(ch);
                } catch (IllegalArgumentException e) {
                    w = -1f;
                }
                advances.put(cp, w);
            }
            return w;
        }

        private float width(String s, float size) throws IOException {
            float w = 0;
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                w += Math.max(0, advance(cp) < 0 ? advance('□') : advance(cp));
                i += Character.charCount(cp);
            }
            return w / 1000 * size;
        }

        /** Breaks {@code s} into lines no wider than {@code max}, between any two characters (Chinese has no spaces). */
        private List<String> wrap(String s, float max, float size) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            float w = 0;
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                float cw = width(Character.toString(cp), size);
                if (line.length() > 0 && w + cw > max) {
                    lines.add(line.toString());
                    line.setLength(0);
                    w = 0;
                }
                line.appendCodePoint(cp);
                w += cw;
                i += Character.charCount(cp);
            }
            lines.add(line.toString());
            return lines;
        }
    }
}
