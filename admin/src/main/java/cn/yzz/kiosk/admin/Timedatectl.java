package cn.yzz.kiosk.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** {@link ClockSetter} through {@code timedatectl set-time}; the time is given in UTC (TZ=UTC for the command). */
final class Timedatectl implements ClockSetter {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.admin");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final String command;

    Timedatectl(String command) {
        this.command = command;
    }

    @Override
    public void set(Instant now) throws Refused {
        // Whole seconds, rounded: timedatectl takes no fraction, and half a second is nothing on a receipt.
        String when = UTC.format(Instant.ofEpochSecond(now.plusMillis(500).getEpochSecond()));
        ProcessBuilder pb = new ProcessBuilder(List.of(command, "set-time", when)).redirectErrorStream(true);
        pb.environment().put("TZ", "UTC");
        pb.environment().put("LC_ALL", "C"); // its messages are matched below
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new Refused("本机没有对时程序（timedatectl）：请联系县里技术人员");
        }
        String said;
        try {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new Refused("改时间没有完成（系统没有回应）：请重启终端后再试，或联系县里技术人员");
            }
            said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            said = "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new Refused("改时间被打断了：请再试一次");
        }
        if (p.exitValue() == 0) {
            LOG.info(() -> "clock set to " + when + " UTC");
            return;
        }
        String why = said;
        LOG.warning(() -> "timedatectl set-time failed (" + p.exitValue() + "): " + why);
        String s = said.toLowerCase(Locale.ROOT);
        if (s.contains("automatic time synchronization")) {
            throw new Refused("本机开着自动对时，却对不准：多半是连不上对时服务器。请联系县里技术人员");
        }
        if (s.contains("access denied") || s.contains("authentication") || s.contains("not authorized") || s.contains("permission")) {
            throw new Refused("本机不允许程序改时间：请县里技术人员重新运行 kioskctl install");
        }
        if (s.contains("failed to connect to bus") || s.contains("system has not been booted with systemd")) {
            throw new Refused("本机的对时服务没有运行：请重启终端后再试，或联系县里技术人员");
        }
        throw new Refused("改时间没有成功：请联系县里技术人员（" + (said.isEmpty() ? "退出码 " + p.exitValue() : said) + "）");
    }
}
