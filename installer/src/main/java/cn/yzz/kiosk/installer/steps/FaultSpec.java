package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.device.idcard.emu.Fault;
import cn.yzz.kiosk.device.idcard.emu.IdCardReaderEmulator;
import cn.yzz.kiosk.device.idcard.samv.SamCommand;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A fault to inject into the emulated reader, written {@code FAULT[:TIMES][@COMMAND]}: for example
 * {@code silence}, {@code read-fails:2}, {@code bad-checksum@read-text-photo}. Without TIMES the
 * fault lasts until cleared, which is what a trainer showing a broken reader wants.
 *
 * @param command only replies to this command misbehave; null for every reply
 */
public record FaultSpec(Fault fault, int times, SamCommand command) {

    /** Until cleared. */
    public static final int ALWAYS = Integer.MAX_VALUE;

    public static FaultSpec parse(String text) {
        String rest = text.trim();
        SamCommand command = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            command = lookup(SamCommand.values(), rest.substring(at + 1), "命令");
            rest = rest.substring(0, at);
        }
        int times = ALWAYS;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            times = times(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }
        return new FaultSpec(lookup(Fault.values(), rest, "故障"), times, command);
    }

    /** Fault names as written on the command line. */
    public static Stream<String> faultNames() {
        return Arrays.stream(Fault.values()).map(FaultSpec::spelling);
    }

    public void applyTo(IdCardReaderEmulator emulator) {
        emulator.inject(fault, times, command);
    }

    @Override
    public String toString() {
        return spelling(fault) + "（" + (times == ALWAYS ? "直到清除" : times + " 次")
                + (command == null ? "" : "，只影响 " + spelling(command) + " 的回复") + "）";
    }

    private static int times(String text) {
        if (text.equalsIgnoreCase("always")) {
            return ALWAYS;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("故障次数 '" + text + "' 应为正整数或 always");
    }

    private static <E extends Enum<E>> E lookup(E[] values, String name, String what) {
        String wanted = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : values) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        List<String> known = Arrays.stream(values).map(FaultSpec::spelling).toList();
        throw new IllegalArgumentException("不认识的" + what + " '" + name.trim() + "'，可用：" + String.join("、", known));
    }

    private static String spelling(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
