package cn.yzz.kiosk.device.sscard;

import cn.yzz.kiosk.device.DeviceEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A kiosk in a JVM of its own for {@link PcscdOutageTest}: opens the reader named in {@code args[0]},
 * prints every state change as {@code STATE <state> <detail>}, reads a card on {@code read} and
 * stops on {@code quit}. Stopping pcscd takes PC/SC away from every JVM that used it, so this
 * must not be the test's own JVM.
 */
final class OutageProbe {

    private OutageProbe() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (PcscSsCardReader reader = new PcscSsCardReader("ss-outage", args[0])) {
            reader.addListener(e -> {
                if (e instanceof DeviceEvent.StateChanged s) {
                    out.println("STATE " + s.to() + " " + s.detail());
                }
            });
            reader.open();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                if (line.equals("read")) {
                    try {
                        out.println("READ " + reader.read(Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS)); // masked
                    } catch (ExecutionException e) {
                        out.println("FAIL " + e.getCause().getMessage());
                    }
                }
            }
        }
    }
}
