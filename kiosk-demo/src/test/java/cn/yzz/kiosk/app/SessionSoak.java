package cn.yzz.kiosk.app;

import cn.yzz.kiosk.demo.DemoRig;
import cn.yzz.kiosk.demo.DemoOptions;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.cache.catalog.Theme;
import cn.yzz.kiosk.app.flow.IdentifyModel;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.IdleWatch;
import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.flow.MaskedIdentity;
import cn.yzz.kiosk.app.flow.Shell;
import cn.yzz.kiosk.app.flow.Shell.Cover;
import cn.yzz.kiosk.app.i18n.Language;
import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import javax.management.ObjectName;

/**
 * The child JVM of {@link MemoryBench}: the real kiosk on the demo rig (headless, no voice), taken
 * through {@code VISITS} complete visits the way villagers take it, then its memory. Prints
 * {@code key=value} lines for the bench and {@code soak: …} lines for people.
 *
 * <p>A visit: home → theme tile → a service → the card placed on the emulated reader, read by the
 * real driver → 继续办理 (or 返回首页 for a card that cannot be used) → 办理完成 → the end screen →
 * the card taken away → 完成 → home, checked to be wiped (language and mode back, no session).
 * Every 10th visit is in elder mode, every 7th in another language (粤语, 客家话, English in
 * turn), every 50th ends by the idle path (walking away: the warning, then expiry after a short
 * grace). The cards are the demo fixtures in turn.
 *
 * <p>Buttons are pressed with {@code Button.fire()} on the JavaFX thread, the real buttons looked
 * up by id on the screen, which runs their handlers and the scene's action filter as a tap does,
 * much faster than a robot. After each, the new screen is styled and laid out at once
 * ({@code applyCss()} and {@code layout()} on the root: the CSS and layout passes of a pulse, so
 * skins are made and bindings evaluated), and the pulses draw whatever is on screen at their own
 * pace meanwhile. Waiting for a drawn frame after every step would make the soak as slow as
 * software rendering of 1080 × 1920 frames (about 3 visits a second on two cores, over five minutes
 * for 1,000 visits); the identity screen, with its photo, and the idle warning are waited for and
 * drawn in every visit. The number of pulses is printed.
 *
 * <p>The reader: the demo rig's emulated reader paces replies at the wire speed and adds radio
 * latency, about 0.5 s a read; 1,000 visits that way would take far too long. The soak turns
 * pacing and latency off ({@code setPaced(false)}, zero latency), keeping the real driver, frames
 * and emulator, and places the card as the service is chosen, so the driver's first FIND finds it
 * instead of waiting out its 300 ms poll.
 *
 * <p>After half the visits and every tenth of them from there on: {@code System.gc()} three
 * times, then VmRSS from /proc/self/status (and its parts, from /proc/self/smaps) and the heap in
 * use; at half and at the end also a class histogram of live objects, whose growth between the two
 * is printed, largest first.
 */
final class SessionSoak {

    private static final long WAIT_SECONDS = 10;
    private static final Duration GRACE = Duration.ofMillis(100);
    private static final List<Language> OTHER_LANGUAGES = List.of(Language.CANTONESE, Language.HAKKA, Language.ENGLISH);
    private static final List<CardFixture> CARDS = CardFixtures.all();
    private static final Pattern VMA = Pattern.compile("^(\\p{XDigit}+)-(\\p{XDigit}+) \\S+ \\S+ \\S+ \\S+\\s*(.*)$");
    private static final Pattern HISTOGRAM_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private final Kiosk kiosk;
    private final Scene scene;
    private final DemoRig rig;
    private final List<Theme> themes;
    private final List<Cover> errors = new ArrayList<>();
    private long readNanos;
    private int reads;
    private int leftWithUnusableCard;
    private int idleEndings;
    private long pulses;

    private SessionSoak(Kiosk kiosk, DemoRig rig, Scene scene) throws Exception {
        this.kiosk = kiosk;
        this.scene = scene;
        this.rig = rig;
        KioskFlowModel m = kiosk.model();
        this.themes = fx(() -> m.catalogue().themes().stream().filter(t -> !m.offerable(t).isEmpty()).toList());
        fx(() -> {
            scene.addPostLayoutPulseListener(() -> pulses++);
            kiosk.shell().coverProperty().addListener((o, was, now) -> {
                if (now == Cover.ERROR || now == Cover.OUT_OF_SERVICE) {
                    errors.add(now);
                }
            });
            return null;
        });
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int visits = Integer.parseInt(args[1]);
        int middle = visits / 2;
        int step = Math.max(1, visits / 10);
        Path out = Path.of(args[2]);
        try {
            KioskLog.setup(data);
            CompletableFuture<Void> started = new CompletableFuture<>();
            Platform.startup(() -> started.complete(null));
            started.get(WAIT_SECONDS, TimeUnit.SECONDS);
            Platform.setImplicitExit(false);
            DemoRig rig = DemoRig.start(data.resolve("receipts"));
            Kiosk kiosk = Kiosk.create(DemoOptions.kiosk(data), CatalogParser.bundled(),
                    Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai")),
                    new Kiosk.Settings(IdentifyModel.CARD_WAIT, new IdleWatch.Settings(Duration.ofSeconds(60), GRACE), Duration.ZERO, false),
                    rig);
            rig.emulator().setPaced(false);
            rig.emulator().setLatency(Duration.ZERO, Duration.ZERO, Duration.ZERO);
            Scene scene = fx(() -> {
                Stage stage = new Stage();
                Scene s = kiosk.show(stage);
                ErrorGuard.install(kiosk.shell()); // as KioskApp.start does
                return s;
            });
            kiosk.openDevicesInBackground();
            jvm();
            SessionSoak soak = new SessionSoak(kiosk, rig, scene);
            long t0 = System.nanoTime();
            long pausedNanos = 0;
            for (int n = 1; n <= visits; n++) {
                soak.visit(n);
                if (n % 100 == 0) {
                    System.out.printf(Locale.ROOT, "soak: %d visits, %.1f visits/s, rss %d MB (no GC)%n", n,
                            n / ((System.nanoTime() - t0 - pausedNanos) / 1e9), rssKb() / 1024);
                }
                if (n >= middle && (n - middle) % step == 0 || n == visits) {
                    long p0 = System.nanoTime();
                    soak.measure(n, n == middle || n == visits ? out.resolve("memory-histogram-" + n + ".txt") : null);
                    pausedNanos += System.nanoTime() - p0;
                }
            }
            double seconds = (System.nanoTime() - t0 - pausedNanos) / 1e9;
            growth(histogram(out.resolve("memory-histogram-" + middle + ".txt")), histogram(out.resolve("memory-histogram-" + visits + ".txt")));
            System.out.printf(Locale.ROOT, "visits-per-second=%.2f%n", visits / seconds);
            System.out.printf(Locale.ROOT, "soak: %d visits in %.1f s (memory measurements not counted); card reads: %d, mean %.1f ms "
                            + "from the service tapped to the identity shown; %d visits left with a card that cannot be used (返回首页); "
                            + "%d ended by the idle path; %d pulses (frames), %.1f a visit%n",
                    visits, seconds, soak.reads, soak.readNanos / 1e6 / Math.max(1, soak.reads), soak.leftWithUnusableCard, soak.idleEndings,
                    soak.pulses, soak.pulses / (double) visits);
            kiosk.close();
            rig.close();
            Platform.exit();
            System.out.flush();
            System.exit(0);
        } catch (Throwable e) {
            System.out.println("soak-failed=" + e);
            e.printStackTrace(System.out);
            System.out.flush();
            System.exit(1);
        }
    }

    private void visit(int n) throws Exception {
        KioskFlowModel m = kiosk.model();
        Shell shell = kiosk.shell();
        boolean elder = n % 10 == 0;
        Language language = n % 7 == 0 ? OTHER_LANGUAGES.get((n / 7 - 1) % OTHER_LANGUAGES.size()) : Language.DEFAULT;
        boolean walksAway = n % 50 == 0;
        CardFixture card = CARDS.get((n - 1) % CARDS.size());
        Theme theme = themes.get((n - 1) % themes.size());

        check(n, "home at the start", () -> m.screenProperty().get() == Screen.HOME && shell.coverProperty().get() == Cover.NONE);
        if (language != Language.DEFAULT) {
            tap("language-" + language.name().toLowerCase(Locale.ROOT));
        }
        if (elder) {
            tap("elder-toggle");
        }
        tap("tile-" + theme.id());
        Service service = fx(() -> {
            // Services a card identifies for: a query that needs nobody (RSJ-0022) has no card read to wait for.
            List<Service> page = m.pageServicesProperty().get().stream()
                    .filter(s -> s.identity().contains(cn.yzz.kiosk.cache.catalog.Identity.IDCARD)).toList();
            return page.get(((n - 1) / themes.size()) % page.size());
        });
        rig.placeCard(card); // the villager has the card on the pad as the service is chosen
        long r0 = System.nanoTime();
        tap("service-" + service.code());
        await(n, "the card read", () -> m.identify().stepProperty().get() == Step.DONE);
        readNanos += System.nanoTime() - r0;
        reads++;
        pulse();
        MaskedIdentity person = fx(() -> m.identify().identityProperty().get());
        if (person.canContinue()) {
            tap("identity-continue");
            check(n, "the service screen", () -> m.screenProperty().get() == Screen.SERVICE);
        } else {
            leftWithUnusableCard++;
        }
        if (walksAway) {
            idleEndings++;
            check(n, "the idle warning", () -> {
                shell.walkAway();
                return shell.coverProperty().get() == Cover.IDLE_WARNING;
            });
            pulse();
            await(n, "the idle warning to expire", () -> shell.coverProperty().get() == Cover.NONE && m.screenProperty().get() == Screen.END);
            pulse();
        } else if (person.canContinue()) {
            tap("nav-home"); // leaves at the service's first step; the journeys of a service are KioskUiTest's and the e2e's
        } else {
            tap("identity-leave");
        }
        check(n, "the end screen", () -> m.screenProperty().get() == Screen.END);
        rig.removeCard(); // 请取走您的身份证
        tap("end-done");
        check(n, "home, wiped", () -> m.screenProperty().get() == Screen.HOME && !m.session().active()
                && m.session().personProperty().get() == null && shell.texts().language() == Language.DEFAULT
                && !shell.elderProperty().get() && shell.coverProperty().get() == Cover.NONE);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("visit " + n + ": the kiosk showed " + errors + " (see kiosk.log)");
        }
    }

    /**
     * Memory after {@code n} visits: prints rss-mb@n, heap-mb@n and the parts of the RSS, and
     * writes the class histogram to {@code histogramFile} unless null (a file, so that the first
     * histogram is not in the heap at the second).
     */
    private void measure(int n, Path histogramFile) throws Exception {
        Thread.sleep(500); // the last frame drawn, timers of the last visit run or cancelled
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long rss = rssKb();
        Resident parts = resident();
        System.out.printf(Locale.ROOT, "rss-mb@%d=%.1f%n", n, rss / 1024.0);
        System.out.printf(Locale.ROOT, "heap-mb@%d=%.1f%n", n, heap / 1024.0 / 1024.0);
        System.out.printf(Locale.ROOT, "rss-heap-mb@%d=%.1f%n", n, parts.heap() / 1024.0);
        System.out.printf(Locale.ROOT, "rss-files-mb@%d=%.1f%n", n, parts.files() / 1024.0);
        System.out.printf(Locale.ROOT, "rss-anon-mb@%d=%.1f%n", n, parts.otherAnonymous() / 1024.0);
        if (histogramFile != null) {
            var heapUsage = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            var nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
            long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                    .mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
            System.out.printf(Locale.ROOT, "soak: after %d visits: heap committed %.1f MB, non-heap (metaspace, code) used %.1f MB, "
                            + "direct buffers %.1f MB, %d threads%n",
                    n, heapUsage.getCommitted() / 1048576.0, nonHeap.getUsed() / 1048576.0, direct / 1048576.0,
                    ManagementFactory.getThreadMXBean().getThreadCount());
            Files.writeString(histogramFile, dcmd("gcClassHistogram"));
        }
    }

    // Steps //

    /**
     * Fires the button {@code id} on the screen, then styles and lays out what follows at once, as
     * the next pulse would (skins are made, bindings evaluated); the renderer draws whatever is on
     * screen at its own pace meanwhile.
     */
    private void tap(String id) throws Exception {
        fx(() -> {
            Node n = scene.lookup("#" + id);
            if (!(n instanceof Button b) || !shown(b) || b.isDisabled()) {
                throw new IllegalStateException("#" + id + " cannot be tapped now (" + kiosk.model().screenProperty().get() + "): " + n);
            }
            b.fire();
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return null;
        });
    }

    /** Waits for the next pulse's layout (the screen as it is now, styled, laid out and handed to the render thread). */
    private void pulse() throws Exception {
        CompletableFuture<Void> laidOut = new CompletableFuture<>();
        fx(() -> {
            onNextLayout(laidOut);
            return null;
        });
        waitFor(laidOut, "a pulse");
    }

    private void onNextLayout(CompletableFuture<Void> laidOut) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            laidOut.complete(null);
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }

    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static void check(int n, String what, Callable<Boolean> condition) throws Exception {
        if (!fx(condition)) {
            throw new IllegalStateException("visit " + n + ": expected " + what);
        }
    }

    private static void await(int n, String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!fx(condition)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("visit " + n + ": timed out waiting for " + what);
            }
            Thread.sleep(1);
        }
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return waitFor(f, "the JavaFX thread");
    }

    private static <T> T waitFor(CompletableFuture<T> f, String what) throws Exception {
        try {
            return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + WAIT_SECONDS + " s from " + what, e);
        }
    }

    // Memory //

    private static void jvm() {
        ManagementFactory.getPlatformMBeanServer(); // made now, so that it is not growth between the two histograms
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long ram = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        System.out.printf(Locale.ROOT, "soak: JVM options %s; heap initial %d MB, max %d MB (JVM defaults from %.1f GB of RAM); %d cores%n",
                ManagementFactory.getRuntimeMXBean().getInputArguments(), heap.getInit() / 1048576, heap.getMax() / 1048576,
                ram / 1073741824.0, Runtime.getRuntime().availableProcessors());
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }

    /** Resident memory by kind, in kB: Java heap pages, files mapped (libraries, fonts, class data), anonymous memory outside the heap. */
    private record Resident(long heap, long files, long otherAnonymous) {}

    /**
     * VmRSS split by the mappings of /proc/self/smaps: those within the heap's address range (as
     * {@code jcmd PID GC.heap_info} gives it), those backed by a file, and the rest (malloc, thread
     * stacks, metaspace, code cache, direct buffers). A heap page once touched stays resident: the
     * serial collector does not give memory back below the initial heap size.
     */
    private static Resident resident() throws Exception {
        String info = dcmd("gcHeapInfo");
        Matcher range = Pattern.compile("\\[0x(\\p{XDigit}+), 0x\\p{XDigit}+, 0x(\\p{XDigit}+)\\)").matcher(info);
        long low = Long.MAX_VALUE;
        long high = 0;
        while (range.find()) {
            low = Math.min(low, Long.parseUnsignedLong(range.group(1), 16));
            high = Math.max(high, Long.parseUnsignedLong(range.group(2), 16));
        }
        if (high == 0) {
            throw new IOException("no heap address range in GC.heap_info:\n" + info);
        }
        long[] kb = new long[3];
        int kind = 2;
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            Matcher vma = VMA.matcher(line);
            if (vma.find()) {
                long start = Long.parseUnsignedLong(vma.group(1), 16);
                long end = Long.parseUnsignedLong(vma.group(2), 16);
                kind = start >= low && end <= high ? 0 : vma.group(3).startsWith("/") ? 1 : 2;
            } else if (line.startsWith("Rss:")) {
                kb[kind] += Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return new Resident(kb[0], kb[1], kb[2]);
    }

    private static String dcmd(String operation) throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                operation, new Object[] {new String[0]}, new String[] {String[].class.getName()});
    }

    /** A class histogram of live objects as {@code jcmd PID GC.class_histogram} prints it: class → {instances, bytes}. */
    private static Map<String, long[]> histogram(Path file) throws IOException {
        Map<String, long[]> classes = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = HISTOGRAM_LINE.matcher(line);
            if (m.find()) {
                classes.put(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
            }
        }
        return classes;
    }

    private static void growth(Map<String, long[]> before, Map<String, long[]> after) {
        record Growth(String name, long instances, long bytes) {}
        List<Growth> all = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] was = before.getOrDefault(e.getKey(), new long[2]);
            Growth g = new Growth(e.getKey(), e.getValue()[0] - was[0], e.getValue()[1] - was[1]);
            total += g.bytes();
            all.add(g);
        }
        for (Map.Entry<String, long[]> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                total -= e.getValue()[1];
            }
        }
        System.out.printf(Locale.ROOT, "histogram-growth-kb=%.1f%n", total / 1024.0);
        all.sort(Comparator.comparingLong(Growth::bytes).reversed());
        for (Growth g : all.subList(0, Math.min(12, all.size()))) {
            if (g.bytes() > 0) {
                System.out.printf(Locale.ROOT, "histogram-growth: %+d instances, %+.1f KB  %s%n", g.instances(), g.bytes() / 1024.0, g.name());
            }
        }
    }
}
