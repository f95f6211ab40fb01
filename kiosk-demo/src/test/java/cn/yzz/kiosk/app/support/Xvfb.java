package cn.yzz.kiosk.app.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A private X server for one test: {@code Xvfb -displayfd 1} picks a free display number and
 * writes it to its standard output, so tests never clash with each other or a desktop.
 */
public final class Xvfb implements AutoCloseable {

    private final Process process;
    private final String display;

    private Xvfb(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    /** Fails with a clear message when {@code tools} are not installed (./kiosk test installs them). */
    public static void require(String... tools) {
        for (String tool : tools) {
            boolean found = false;
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                throw new AssertionError("'" + tool + "' is not installed; this test needs it "
                        + "(apt-get install xvfb imagemagick libgtk-3-0 fonts-wqy-microhei, or run ./kiosk test)");
            }
        }
    }

    public static Xvfb start(int width, int height) throws IOException, InterruptedException {
        require("Xvfb");
        Process p = new ProcessBuilder(List.of("Xvfb", "-displayfd", "1", "-screen", "0", width + "x" + height + "x24",
                "-nolisten", "tcp", "-nocursor"))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        CompletableFuture<String> number = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String n = number.get(15, TimeUnit.SECONDS);
            if (n == null || !n.trim().matches("\\d+")) {
                throw new IOException("Xvfb did not report a display (exit " + (p.isAlive() ? "-" : p.exitValue()) + ")");
            }
            return new Xvfb(p, ":" + n.trim());
        } catch (TimeoutException | java.util.concurrent.ExecutionException | IOException e) {
            p.destroyForcibly();
            throw new IOException("Xvfb did not start within 15 s: " + e.getMessage(), e);
        }
    }

    /** For the DISPLAY variable, e.g. {@code :3}. */
    public String display() {
        return display;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
