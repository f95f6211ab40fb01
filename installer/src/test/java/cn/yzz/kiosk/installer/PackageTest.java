package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package {@code ./kiosk package} builds ({@code ./kiosk test} builds it first and passes its path in
 * {@code -Dyzz.kiosk.deb}): what it declares, where its files go, and the kiosk and kioskctl started from it,
 * unpacked with {@code dpkg-deb -x} into a temporary root, in a private mount namespace where {@code /tmp} and
 * the home folder are noexec tmpfs mounts, as on a locked-down kiosk. Needs root (for the mount namespace),
 * Xvfb, socat and the package's Depends, as {@code ./kiosk test} provides.
 */
class PackageTest {

    private static final String PREFIX = "/opt/yzz-kiosk";

    @TempDir
    static Path work;
    private static Path deb;
    private static Path unpacked;

    @BeforeAll
    static void unpack() throws Exception {
        deb = findPackage();
        unpacked = work.resolve("root");
        Files.createDirectories(unpacked);
        Result x = run(List.of("dpkg-deb", "-x", deb.toString(), unpacked.toString()), Map.of(), Duration.ofSeconds(60));
        assertThat(x.exit).as("dpkg-deb -x %s: %s", deb, x.err).isZero();
    }

    @Test
    void declaresTheRuntimePackagesTheKioskNeeds() throws Exception {
        Result info = run(List.of("dpkg-deb", "--field", deb.toString(), "Package", "Version", "Architecture", "Depends"),
                Map.of(), Duration.ofSeconds(20));
        assertThat(info.exit).as(info.err).isZero();
        String pomVersion = pomVersion();
        assertThat(info.out)
                .contains("Package: yzz-kiosk")
                .contains("Version: " + pomVersion.replace('-', '~'))
                .contains("Architecture: amd64");
        String depends = info.out.lines().filter(l -> l.startsWith("Depends:")).findFirst().orElse("");
        // The JavaFX window, Java Sound, the social security card (PC/SC), A4 printing (javax.print runs lpr),
        // Chinese glyphs and the voice.
        for (String p : List.of("libgtk-3-0", "libasound2", "libpcsclite1", "pcscd", "libcups2", "cups-bsd",
                "fonts-wqy-microhei", "espeak-ng")) {
            assertThat(depends).as("Depends names %s", p).containsPattern("(^|[ ,])" + p + "([ ,(]|$)");
        }
        // dpkg would install it here: every package it depends on is installed (./kiosk test installs them).
        Result dryRun = run(List.of("dpkg", "--dry-run", "-i", deb.toString()), Map.of(), Duration.ofSeconds(60));
        assertThat(dryRun.exit).as("dpkg --dry-run -i: %s", dryRun.all()).isZero();
        assertThat(deb.getFileName().toString()).isEqualTo("yzz-kiosk_" + pomVersion.replace('-', '~') + "_amd64.deb");
    }

    @Test
    void installsOnlyUnderOptAndUsrBinAndCarriesNoDemo() throws Exception {
        Result contents = run(List.of("dpkg-deb", "--contents", deb.toString()), Map.of(), Duration.ofSeconds(60));
        assertThat(contents.exit).as(contents.err).isZero();
        List<String> paths = contents.out.lines().map(l -> l.substring(l.indexOf("./") + 1)).toList();
        for (String p : paths) {
            String path = p.replaceAll(" -> .*", "");
            assertThat(path.equals("/") || path.equals("/opt/") || path.equals("/usr/") || path.equals("/usr/bin/")
                    || path.startsWith(PREFIX + "/") || path.matches("/usr/bin/(yzz-kiosk|kioskctl)"))
                    .as("%s is outside /opt/yzz-kiosk and /usr/bin", path).isTrue();
            assertThat(path).as("the village build carries no demo").doesNotContain("kiosk-demo").doesNotContain("dev-backend");
        }
        assertThat(paths).contains(
                "/usr/bin/yzz-kiosk -> " + PREFIX + "/bin/yzz-kiosk",
                "/usr/bin/kioskctl -> " + PREFIX + "/bin/kioskctl",
                PREFIX + "/runtime/bin/java",
                PREFIX + "/lib/yzz-kiosk.aot",
                PREFIX + "/lib/native/libsqlitejdbc.so",
                PREFIX + "/lib/native/libjSerialComm.so",
                PREFIX + "/lib/app/libglass.so",
                PREFIX + "/lib/app/libglassgtk3.so",
                PREFIX + "/lib/app/libprism_sw.so");
        // With no native library left in the jars, nothing could be unpacked at run time even by mistake.
        try (Stream<Path> jars = Files.list(unpacked.resolve("opt/yzz-kiosk/lib/app"))) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                try (ZipFile z = new ZipFile(jar.toFile())) {
                    assertThat(z.stream().map(e -> e.getName()).filter(n -> n.matches(".*\\.(so|dll|jnilib|dylib)")))
                            .as("native libraries inside %s", jar.getFileName()).isEmpty();
                }
            }
        }
    }

    @Test
    void kioskAndKioskctlRunFromThePackageWithNoexecTmpAndHome() throws Exception {
        try (NoexecNamespace ns = NoexecNamespace.start(unpacked)) {
            String bin = NoexecNamespace.PACKAGE + PREFIX + "/bin/";
            // The mounts are real: a program copied into /tmp or home cannot run.
            for (String dir : List.of("/tmp", ns.home)) {
                Result r = ns.run(List.of("sh", "-c", "cp /bin/true " + dir + "/t && chmod 755 " + dir + "/t && " + dir
                        + "/t; e=$?; rm -f " + dir + "/t; exit $e"), Map.of(), Duration.ofSeconds(10));
                assertThat(r.exit).as("running a program from %s must fail (noexec): %s", dir, r.err).isEqualTo(126);
            }

            Result version = ns.run(List.of(bin + "kioskctl", "--version"), Map.of(), Duration.ofSeconds(60));
            assertThat(version.exit).as(version.all()).isZero();
            assertThat(version.out).contains("kioskctl " + pomVersion()).contains("Java 25");

            String config = NoexecNamespace.WORK + "/kiosk.json";
            Result example = ns.run(List.of("sh", "-c", bin + "kioskctl config example desktop > " + config), Map.of(),
                    Duration.ofSeconds(60));
            assertThat(example.exit).as(example.all()).isZero();
            Result check = ns.run(List.of(bin + "kioskctl", "config", "check", "--config", config), Map.of(), Duration.ofSeconds(60));
            assertThat(check.exit).as(check.all()).isZero();

            // Opens the SQLite store: sqlite-jdbc's library comes from the package.
            String data = NoexecNamespace.WORK + "/data";
            Result queue = ns.run(List.of("sh", "-c", "mkdir " + data + " && exec " + bin + "kioskctl queue status --json --data-dir " + data),
                    Map.of(), Duration.ofSeconds(60));
            assertThat(queue.exit).as(queue.all()).isZero();
            assertThat(queue.out).contains("\"pending\":0");

            // A serial port through jSerialComm, whose library comes from the package: an ID card read over a pty
            // pair from kioskctl's own emulated reader.
            String pty = NoexecNamespace.WORK + "/pty";
            try (Background reader = ns.start(List.of(bin + "kioskctl", "emulate", "id-reader", "--no-input",
                    "--card", "resident", "--pty-dir", pty))) {
                reader.awaitLine(Pattern.compile("port: "), Duration.ofSeconds(60));
                Result read = ns.run(List.of(bin + "kioskctl", "device", "read-id", "--json", "--timeout", "20",
                        "--port", pty + "/idreader-host"), Map.of(), Duration.ofSeconds(60));
                assertThat(read.exit).as(read.all()).isZero();
                assertThat(read.out).contains("\"cardType\":\"resident\"");
            }

            // The kiosk itself, to its home screen. AOTMode=on makes the JVM refuse to start unless the package's
            // ahead-of-time cache fits this runtime and these jars, unpacked somewhere else than where it was made.
            try (Background xvfb = ns.startXvfb()) {
                String display = ":" + xvfb.awaitLine(Pattern.compile("^\\d+$"), Duration.ofSeconds(15));
                Result kiosk = ns.run(List.of(bin + "yzz-kiosk", "--data-dir", NoexecNamespace.WORK + "/kiosk",
                                "--config", config, "--measure-startup"),
                        Map.of("DISPLAY", display, "JDK_JAVA_OPTIONS", "-XX:AOTMode=on"), Duration.ofSeconds(120));
                assertThat(kiosk.exit).as("the packaged kiosk: %s", kiosk.all()).isZero();
                assertThat(kiosk.out).as(kiosk.all()).containsPattern("startup-ms=\\d+");
            }

            // Nothing was unpacked: no native library, no JavaFX cache, in /tmp or home.
            Result left = ns.run(List.of("sh", "-c", "find /tmp \"$HOME\" -mindepth 1 -printf '%y %p\\n'; "
                    + "find /tmp \"$HOME\" -type f -exec sh -c 'head -c 4 \"$1\" | grep -q ELF && echo \"ELF $1\"' _ {} \\;"),
                    Map.of(), Duration.ofSeconds(20));
            assertThat(left.exit).as(left.err).isZero();
            assertThat(left.out.lines())
                    .as("what the kiosk and kioskctl left in /tmp and home:%n%s", left.out)
                    .noneMatch(l -> l.startsWith("ELF "))
                    .noneMatch(l -> l.matches("(?i).*(\\.so(\\.[0-9.]+)?$|openjfx|jserialcomm|sqlite).*"));
        }
    }

    /** -Dyzz.kiosk.deb, else the one ./kiosk package left in the project's target folder. */
    private static Path findPackage() throws IOException {
        String given = System.getProperty("yzz.kiosk.deb", "");
        if (!given.isBlank()) {
            Path p = Path.of(given);
            if (!Files.isRegularFile(p)) {
                fail("-Dyzz.kiosk.deb=" + given + " is not a file: build it with ./kiosk package");
            }
            return p;
        }
        Path target = Path.of("").toAbsolutePath().getParent().resolve("target");
        try (Stream<Path> s = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
            return s.filter(p -> p.getFileName().toString().matches("yzz-kiosk_.*_amd64\\.deb")).findFirst()
                    .orElseGet(() -> fail("no package to test: run ./kiosk package (./kiosk test builds it and passes "
                            + "-Dyzz.kiosk.deb=PATH to this test)"));
        }
    }

    private static String pomVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = PackageTest.class.getResourceAsStream("/cn/yzz/kiosk/installer/version.properties")) {
            p.load(in);
        }
        return p.getProperty("version");
    }

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Result run(List<String> command, Map<String, String> env, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            fail(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s:\n" + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    record Background(Process process, Path err) implements AutoCloseable {
        /** The first line of its output that matches, waiting at most {@code timeout}. */
        String awaitLine(Pattern wanted, Duration timeout) throws Exception {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String l; (l = out.readLine()) != null; ) {
                        if (wanted.matcher(l).find()) {
                            return l;
                        }
                    }
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            String l;
            try {
                l = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                l = null;
            }
            if (l == null) {
                close();
                fail(String.join(" ", process.info().arguments().map(Arrays::asList).orElse(List.of()))
                        + " never printed " + wanted + ":\n" + Files.readString(err));
            }
            return l;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * A private mount namespace kept open by a sleeping shell, entered with nsenter for each command: the
     * unpacked package bound at {@link #PACKAGE}, a scratch folder at {@link #WORK}, and noexec tmpfs over
     * {@code /tmp} and the home folder ({@code user.home} comes from passwd, so the mount is over that one,
     * and HOME points there too). The package is bound first, so it stays visible even when the build
     * itself lives under /tmp or home.
     */
    static final class NoexecNamespace implements AutoCloseable {
        static final String PACKAGE = "/mnt/yzz-package";
        static final String WORK = "/mnt/yzz-work";

        private final Process holder;
        final String home;

        private NoexecNamespace(Process holder, String home) {
            this.holder = holder;
            this.home = home;
        }

        static NoexecNamespace start(Path root) throws IOException, InterruptedException {
            Result id = PackageTest.run(List.of("id", "-u"), Map.of(), Duration.ofSeconds(5));
            if (!id.out.strip().equals("0")) {
                fail("this test mounts tmpfs in a private mount namespace and needs root (./kiosk test runs as root on CI)");
            }
            String home = System.getProperty("user.home");
            String script = String.join("\n",
                    "set -e",
                    "mount -t tmpfs -o mode=755 yzz-mnt /mnt",
                    "mkdir " + PACKAGE + " " + WORK,
                    "mount --bind \"$1\" " + PACKAGE,
                    "mount -t tmpfs -o noexec,nosuid,nodev,mode=1777 yzz-tmp /tmp",
                    "mount -t tmpfs -o noexec,nosuid,nodev,mode=700 yzz-home \"$2\"",
                    "echo ready",
                    "exec sleep 600");
            Process p = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh",
                    root.toString(), home)
                    .redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readNBytes(6), StandardCharsets.UTF_8);
            if (!first.equals("ready\n")) {
                String rest = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.destroyForcibly();
                fail("could not make the noexec mount namespace: " + first + rest);
            }
            return new NoexecNamespace(p, home);
        }

        Result run(List<String> command, Map<String, String> env, Duration timeout) throws IOException, InterruptedException {
            List<String> c = new ArrayList<>(List.of("nsenter", "--target", Long.toString(holder.pid()), "--mount", "--",
                    "env", "HOME=" + home, "TMPDIR=/tmp"));
            c.addAll(command);
            return PackageTest.run(c, env, timeout);
        }

        /** A long-running program inside the namespace; its standard output is read line by line. */
        Background start(List<String> command) throws IOException {
            List<String> c = new ArrayList<>(List.of("nsenter", "--target", Long.toString(holder.pid()), "--mount", "--",
                    "env", "HOME=" + home, "TMPDIR=/tmp"));
            c.addAll(command);
            Path err = Files.createTempFile(work, "err", ".txt");
            return new Background(new ProcessBuilder(c).redirectError(err.toFile()).start(), err);
        }

        /** Xvfb inside the namespace (its socket and lock in the noexec /tmp), on a free display it reports. */
        Background startXvfb() throws IOException {
            return start(List.of("Xvfb", "-displayfd", "1", "-screen", "0", "1080x1920x24", "-nolisten", "tcp", "-nocursor"));
        }

        @Override
        public void close() throws InterruptedException {
            holder.destroy();
            holder.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
