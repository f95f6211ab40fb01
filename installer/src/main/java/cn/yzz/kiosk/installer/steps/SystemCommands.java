package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.installer.ExitCodes;
import cn.yzz.kiosk.installer.InstallerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The system's own tools that {@code kioskctl install} runs on a live machine (systemctl, systemd-sysusers,
 * udevadm…). Never used with {@code --root}. Tests of the live path pass a recording one.
 */
public interface SystemCommands {

    /**
     * Runs {@code command} and returns what it printed on standard output.
     *
     * @throws InstallerException when it cannot be started, takes over a minute or exits other than 0; the message
     *                            names the command and repeats what it printed on standard error
     */
    String run(List<String> command) throws InstallerException;

    /** The real tools, through {@link ProcessBuilder}. */
    static SystemCommands system() {
        return command -> {
            Process p;
            try {
                p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
            } catch (IOException e) {
                throw new InstallerException(ExitCodes.FAILURE, "无法运行 " + command.get(0) + "（" + e.getMessage()
                        + "）：这台机器上装了 systemd 和 udev 吗？", e);
            }
            try {
                // Standard error is read alongside, so that neither pipe can fill up and stall the tool.
                var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return p.getErrorStream().readAllBytes();
                    } catch (IOException e) {
                        return new byte[0];
                    }
                });
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new InstallerException(ExitCodes.FAILURE, String.join(" ", command) + " 一分钟没有结束");
                }
                if (p.exitValue() != 0) {
                    throw new InstallerException(ExitCodes.FAILURE, String.join(" ", command) + " 失败（退出码 "
                            + p.exitValue() + "）：" + new String(err.join(), StandardCharsets.UTF_8).strip());
                }
                return new String(out, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InstallerException(ExitCodes.FAILURE, String.join(" ", command) + " 失败：" + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                throw new InstallerException(ExitCodes.FAILURE, String.join(" ", command) + " 被中断", e);
            }
        };
    }
}
