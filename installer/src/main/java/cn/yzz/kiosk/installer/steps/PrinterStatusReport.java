package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.device.receipt.PrinterStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** A printer's status for people (one line per sensor) or scripts (one JSON object). */
public final class PrinterStatusReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PrinterStatusReport() {}

    public static String json(ReceiptPrinterStep.StatusRead read) {
        PrinterStatus s = read.status();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("online", s.online());
        m.put("ready", s.ready());
        m.put("paperEnd", s.paperEnd());
        m.put("paperNearEnd", s.paperNearEnd());
        m.put("coverOpen", s.coverOpen());
        m.put("cutterError", s.cutterError());
        m.put("otherError", s.otherError());
        m.put("detail", s.detail());
        m.put("port", read.port());
        m.put("baud", read.baud());
        try {
            return JSON.writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings, numbers and booleans always serialise", e);
        }
    }

    public static String text(ReceiptPrinterStep.StatusRead read) {
        PrinterStatus s = read.status();
        return "状态　　  " + s.detail() + "\n"
                + "联机　　  " + yesNo(s.online()) + "\n"
                + "纸　　　  " + (s.paperEnd() ? "缺纸" : s.paperNearEnd() ? "即将用完" : "正常") + "\n"
                + "机盖　　  " + (s.coverOpen() ? "打开" : "合上") + "\n"
                + "切刀　　  " + (s.cutterError() ? "故障" : "正常") + "\n"
                + "其他故障  " + (s.otherError() ? "有" : "无") + "\n"
                + "端口　　  " + read.port() + "，" + read.baud() + " 波特\n";
    }

    private static String yesNo(boolean b) {
        return b ? "是" : "否";
    }
}
