package cn.yzz.kiosk.demo.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * kioskctl, run as the county's IT runs it over SSH on a kiosk: its own JVM, on the kiosk's data folder while the
 * kiosk runs. The journeys read what it prints, as a person would read it.
 */
final class Kioskctl {

    private final String classpath;
    private final Path dataDir;

    Kioskctl(String classpath, Path dataDir) {
        this.classpath = classpath;
        this.dataDir = dataDir;
    }

    /** {@code kioskctl queue list --json}: the outbox's rows, newest first. */
    JsonNode queueList() {
        String out = run("queue", "list", "--json", "--max", "1000", "--data-dir", dataDir.toString());
        try {
            JsonNode rows = new ObjectMapper().readTree(out);
            if (!rows.isArray()) {
                throw new JourneyFailed("kioskctl queue list --json printed no JSON array: " + out);
            }
            return rows;
        } catch (IOException e) {
            throw new JourneyFailed("kioskctl queue list --json printed no JSON: " + out);
        }
    }

    private String run(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Its temporary files (sqlite's native library) beside the kiosk's data, as ./kiosk ctl keeps them out of /tmp.
        String tmp = dataDir.toAbsolutePath().getParent().toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=" + tmp,
                "-Dorg.sqlite.tmpdir=" + tmp, "-cp", classpath, "cn.yzz.kiosk.installer.Kioskctl"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new JourneyFailed("kioskctl " + String.join(" ", args) + " did not finish in 60 s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new JourneyFailed("kioskctl " + String.join(" ", args) + " exited " + p.exitValue() + ": " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new JourneyFailed("cannot run kioskctl: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JourneyFailed("interrupted");
        }
    }
}
