package cn.yzz.kiosk.app.support;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the kiosk (or the screenshot tour) in a JVM of its own on a real X display, without the
 * Monocle flags of the test JVM: a real GTK window, as on a kiosk.
 */
public final class ChildJvm {

    /** What finished: exit code and everything printed (standard output and error together). */
    public record Result(int exitCode, String output) {}

    private ChildJvm() {}

    /** kiosk-demo/target, found from where the test classes are. */
    public static Path targetDir() {
        try {
            return Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test class path (surefire may hide it behind a manifest-only jar). */
    public static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /**
     * The class path the launcher gives the kiosk: main classes and runtime dependencies, without
     * the test kit (which would only make class lookup slower in a benchmark).
     */
    public static String runtimeClassPath() {
        List<String> keep = new ArrayList<>();
        for (String e : testClassPath().split(File.pathSeparator)) {
            String p = e.replace('\\', '/');
            boolean testOnly = p.endsWith("/test-classes") || p.contains("/org/junit/") || p.contains("/org/testfx/")
                    || p.contains("/org/assertj/") || p.contains("/org/opentest4j/") || p.contains("/org/apiguardian/")
                    || p.contains("/org/hamcrest/") || p.contains("/net/bytebuddy/") || p.contains("/surefire");
            if (!testOnly) {
                keep.add(e);
            }
        }
        return String.join(File.pathSeparator, keep);
    }

    /**
     * Runs {@code mainClass} with {@code display} and waits at most {@code timeoutSeconds}; a child
     * still running then is killed and the test fails with what it printed.
     */
    public static Result run(String display, String classPath, String mainClass, List<String> args, long timeoutSeconds,
                             Path outputFile) throws IOException, InterruptedException {
        return run(display, List.of(), classPath, mainClass, args, timeoutSeconds, outputFile);
    }

    /** As above, with extra JVM options before the class path. */
    public static Result run(String display, List<String> jvmOptions, String classPath, String mainClass, List<String> args,
                             long timeoutSeconds, Path outputFile) throws IOException, InterruptedException {
        Path target = targetDir();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of(
                "-Dprism.order=sw",
                "-Djava.io.tmpdir=" + target,
                "-Djavafx.cachedir=" + target.resolve("openjfx-cache"),
                "-Dfile.encoding=UTF-8",
                "-Dsun.jnu.encoding=UTF-8",
                "-cp", classPath, mainClass));
        cmd.addAll(args);
        Files.createDirectories(outputFile.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(outputFile.toFile());
        pb.environment().put("DISPLAY", display);
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError(mainClass + " did not finish within " + timeoutSeconds + " s; it printed:\n"
                        + Files.readString(outputFile));
            }
            return new Result(p.exitValue(), Files.readString(outputFile));
        } finally {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    public static List<String> args(String... a) {
        return Arrays.asList(a);
    }
}
