package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.device.qr.Scan;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders a scan for people or scripts. Unless revealed the code is masked as {@link Scan#masked()}
 * does: a 粤省事 code is a credential that can be replayed until it expires.
 */
public final class ScanReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScanReport() {}

    /** Fields: text, masked, charset, bytes, chars, family, port, baud, scanMillis. */
    public static String json(ScanStep.Result r, boolean reveal) {
        Scan s = r.scan();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", reveal ? s.text() : s.masked());
        m.put("masked", !reveal);
        m.put("charset", s.charset());
        m.put("bytes", s.bytes());
        m.put("chars", s.text().codePointCount(0, s.text().length()));
        m.put("family", r.family().id());
        m.put("port", r.port());
        m.put("baud", r.baud());
        m.put("scanMillis", r.scanMillis());
        try {
            return JSON.writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings and numbers always serialise", e);
        }
    }

    public static String text(ScanStep.Result r, boolean reveal) {
        Scan s = r.scan();
        StringBuilder out = new StringBuilder();
        out.append("内容　  ").append(reveal ? s.text() : s.masked()).append('\n');
        out.append("编码　  ").append(s.charset()).append("（").append(s.bytes()).append(" 字节）\n");
        out.append("扫码器  ").append(r.port()).append("，").append(r.family().id()).append("，").append(r.baud())
                .append(" 波特，扫码用时 ").append(r.scanMillis()).append(" 毫秒\n");
        if (!reveal) {
            out.append("（内容已遮盖；加 --reveal 显示完整内容）\n");
        }
        return out.toString();
    }
}
