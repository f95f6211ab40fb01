package cn.yzz.kiosk.installer.steps;

import cn.yzz.kiosk.device.Device;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.detect.PortProbe;
import cn.yzz.kiosk.device.profile.DeviceFactory;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.profile.DeviceProfile;
import cn.yzz.kiosk.device.profile.ProfileException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.print.PrintService;
import javax.print.PrintServiceLookup;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;

/**
 * Finds which device is on which port: every serial port asked each protocol's harmless question at each
 * speed ({@link PortProbe}, all ports at once), the PC/SC readers and the CUPS queues through the kiosk's own
 * drivers; and the kiosk configuration for what was found.
 */
public final class DeviceDetect {

    /** Longest one port may take; beyond it the port is reported as stuck and left behind (a tty without a UART). */
    static final long PORT_BUDGET_MILLIS = 15_000;

    /**
     * One line of the answer.
     *
     * @param port   the name for the configuration: the stable {@code /dev/serial/by-id} link when one leads to the port
     * @param kind   empty when nothing known answered
     * @param driver the driver id, or null
     * @param baud   the speed it answered at; null for PC/SC, CUPS and unknown ports
     */
    public record Found(String port, Optional<DeviceKind> kind, String driver, Integer baud, String detail) {
        public String kindId() {
            return kind.map(DeviceKind::id).orElse("unknown");
        }
    }

    /** @param notes what could not be looked at (no pcscd, no CUPS, ports without a UART), for the installer */
    public record Report(List<Found> found, List<String> notes, int serialPorts, long millis) {}

    private final Path dev;
    private final Path sys;

    /** @param dev where the ports are, {@code /dev} (tests give a folder of links to ptys) */
    public DeviceDetect(Path dev) {
        this(dev, Path.of("/sys"));
    }

    DeviceDetect(Path dev, Path sys) {
        this.dev = dev;
        this.sys = sys;
    }

    public Report run(List<String> extraPorts) {
        long start = System.nanoTime();
        List<String> serialNotes = new ArrayList<>();
        List<String> readerNotes = new ArrayList<>();
        List<String> printerNotes = new ArrayList<>();
        // PC/SC and CUPS answer while the serial ports are being asked: the serial part takes the longest
        ExecutorService side = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "kioskctl-detect-named");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<List<Found>> readers = side.submit(() -> readers(readerNotes));
            Future<List<Found>> printers = side.submit(() -> printers(printerNotes));
            List<Found> found = new ArrayList<>(serial(extraPorts, serialNotes));
            int serialPorts = found.size();
            found.addAll(named(readers, "社保卡读卡器", readerNotes));
            found.addAll(named(printers, "A4 打印机", printerNotes));
            List<String> notes = new ArrayList<>(serialNotes);
            notes.addAll(readerNotes);
            notes.addAll(printerNotes);
            return new Report(found, notes, serialPorts, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } finally {
            side.shutdownNow();
        }
    }

    private static List<Found> named(Future<List<Found>> f, String what, List<String> notes) {
        try {
            return f.get(PORT_BUDGET_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            notes.add("查" + what + "超时，未列出");
        } catch (java.util.concurrent.ExecutionException e) {
            notes.add("查" + what + "出错：" + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of();
    }

    // ---- serial ports ----

    /** One port to ask: its real device and the name to show and configure. */
    private record Port(Path real, String name) {}

    private List<Found> serial(List<String> extraPorts, List<String> notes) {
        Map<Path, String> names = new LinkedHashMap<>(); // real device -> shown name, in the order listed
        List<Found> out = new ArrayList<>();
        for (String p : extraPorts) {
            Optional<Path> real = real(Path.of(p));
            if (real.isEmpty()) {
                out.add(new Found(p, Optional.empty(), null, null, "找不到端口：路径不存在或链接断了"));
            } else {
                names.putIfAbsent(real.get(), p);
            }
        }
        for (String glob : List.of("ttyS*", "ttyUSB*", "ttyACM*")) {
            for (Path p : list(dev, glob)) {
                real(p).ifPresent(r -> names.putIfAbsent(r, p.toString()));
            }
        }
        for (Path link : list(dev.resolve("serial/by-id"), "*")) { // the stable names win over ttyUSB0 and the like
            real(link).ifPresent(r -> names.put(r, link.toString()));
        }
        Set<String> consoles = consoles();
        List<Port> ask = new ArrayList<>();
        List<String> noUart = new ArrayList<>();
        for (Map.Entry<Path, String> e : names.entrySet()) {
            String kernelName = e.getKey().getFileName().toString();
            if (consoles.contains(kernelName)) {
                out.add(new Found(e.getValue(), Optional.empty(), null, null,
                        "系统控制台（内核消息从这里输出），为免干扰不探测；接设备请换一个串口"));
            } else if (noUart(kernelName)) {
                noUart.add(e.getValue());
                out.add(new Found(e.getValue(), Optional.empty(), null, null, "没有串口芯片（内核没有检测到 UART），不探测"));
            } else {
                ask.add(new Port(e.getKey(), e.getValue()));
            }
        }
        if (!noUart.isEmpty()) {
            notes.add(noUart.size() + " 个串口没有串口芯片，未探测（" + noUart.get(0)
                    + (noUart.size() > 1 ? " … " + noUart.get(noUart.size() - 1) : "") + "）");
        }
        out.addAll(probeAll(ask));
        return out;
    }

    /** Every port at once, each on a thread of its own: a silent port costs seconds, so one after another would add up. */
    private static List<Found> probeAll(List<Port> ports) {
        if (ports.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(ports.size(), 64), r -> {
            Thread t = new Thread(r, "kioskctl-detect");
            t.setDaemon(true); // a port stuck in the kernel must not keep kioskctl from exiting
            return t;
        });
        try {
            List<Future<PortProbe.Result>> futures = new ArrayList<>();
            for (Port p : ports) {
                futures.add(pool.submit(() -> PortProbe.of(p.real().toString()).run()));
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PORT_BUDGET_MILLIS);
            List<Found> out = new ArrayList<>();
            for (int i = 0; i < ports.size(); i++) {
                Port p = ports.get(i);
                String also = p.name().equals(p.real().toString()) ? "" : "（即 " + p.real() + "）";
                try {
                    PortProbe.Result r = futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    out.add(r.probe().isPresent()
                            ? new Found(p.name(), Optional.of(r.probe().get().kind()), r.probe().get().driver(), r.baud(), r.detail() + also)
                            : new Found(p.name(), Optional.empty(), null, null, r.detail() + also));
                } catch (TimeoutException e) {
                    out.add(new Found(p.name(), Optional.empty(), null, null, "探测超时：端口的读写卡住了（可能不是真正的串口）" + also));
                } catch (java.util.concurrent.ExecutionException e) {
                    out.add(new Found(p.name(), Optional.empty(), null, null, "探测出错：" + e.getCause() + also));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    out.add(new Found(p.name(), Optional.empty(), null, null, "探测被中断" + also));
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Optional<Path> real(Path p) {
        try {
            return Optional.of(p.toRealPath());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<Path> list(Path dir, String glob) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
            s.forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort((a, b) -> naturally(a.getFileName().toString(), b.getFileName().toString()));
        return out;
    }

    /** ttyS2 before ttyS10. */
    private static int naturally(String a, String b) {
        String da = a.replaceAll("\\D", "");
        String db = b.replaceAll("\\D", "");
        String pa = a.replaceAll("\\d+$", "");
        String pb = b.replaceAll("\\d+$", "");
        if (pa.equals(pb) && !da.isEmpty() && !db.isEmpty() && da.length() < 10 && db.length() < 10) {
            return Integer.compare(Integer.parseInt(da), Integer.parseInt(db));
        }
        return a.compareTo(b);
    }

    /** The kernel's consoles, e.g. ttyS0 on a virtual machine: questions written there would go into its log. */
    private Set<String> consoles() {
        try {
            return Set.of(Files.readString(sys.resolve("class/tty/console/active")).trim().split("\\s+"));
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /** An 8250 port the kernel found no chip for (type 0): it opens, but nothing is there; some hang a write. */
    private boolean noUart(String kernelName) {
        try {
            return kernelName.startsWith("ttyS")
                    && Files.readString(sys.resolve("class/tty").resolve(kernelName).resolve("type")).trim().equals("0");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    // ---- PC/SC readers and CUPS queues, through the kiosk's drivers ----

    private static List<Found> readers(List<String> notes) {
        List<CardTerminal> terminals;
        try {
            // a fresh factory: the default one made while pcscd was down stays empty (platform-recipes §4)
            terminals = TerminalFactory.getInstance("PC/SC", null).terminals().list();
        } catch (CardException | java.security.NoSuchAlgorithmException | RuntimeException e) {
            notes.add("读卡服务（pcscd）没有运行或没有读卡器，未查社保卡读卡器");
            return List.of();
        }
        List<Found> out = new ArrayList<>();
        for (CardTerminal t : terminals) {
            out.add(new Found(t.getName(), Optional.of(DeviceKind.SSCARD_READER), "pcsc", null,
                    health(DeviceFactory.spec(DeviceKind.SSCARD_READER, "pcsc", t.getName(), Map.of()))));
        }
        return out;
    }

    private static List<Found> printers(List<String> notes) {
        PrintService[] services = PrintServiceLookup.lookupPrintServices(null, null);
        if (services.length == 0) {
            notes.add("打印服务（CUPS）没有运行或没有打印机，未查 A4 打印机");
            return List.of();
        }
        PrintService preferred = PrintServiceLookup.lookupDefaultPrintService();
        List<Found> out = new ArrayList<>();
        for (PrintService s : services) {
            String detail = health(DeviceFactory.spec(DeviceKind.A4_PRINTER, "cups", s.getName(), Map.of()));
            boolean isDefault = preferred != null && preferred.getName().equals(s.getName());
            out.add(isDefault ? 0 : out.size(), new Found(s.getName(), Optional.of(DeviceKind.A4_PRINTER), "cups", null,
                    (isDefault ? "系统默认打印机；" : "") + detail));
        }
        return out;
    }

    /** The driver's own words about the device: open, ask, close. */
    private static String health(cn.yzz.kiosk.device.profile.DeviceSpec spec) {
        try (Device d = DeviceFactory.create(spec, Device.class)) {
            try {
                d.open();
            } catch (DeviceException e) {
                // checkHealth says the same in the driver's words
            }
            Health h = d.checkHealth();
            return h.detail();
        }
    }

    // ---- the configuration ----

    /**
     * The kiosk configuration for what was found, in the format {@code kioskctl config check} reads: one device of
     * each kind (the first found), enhanced when an enhanced-only kind is among them.
     *
     * @throws IllegalStateException when the devices found make no configuration (no ID card reader); the message
     *                               says so in the installer's words
     */
    public static String configuration(Report report) {
        Map<DeviceKind, Found> chosen = new LinkedHashMap<>();
        for (DeviceKind k : DeviceKind.values()) {
            report.found().stream().filter(f -> f.kind().equals(Optional.of(k))).findFirst().ifPresent(f -> chosen.put(k, f));
        }
        if (!chosen.containsKey(DeviceKind.IDCARD_READER)) {
            throw new IllegalStateException("没有找到身份证读卡器：每台终端都要有一台，配置没有写。请检查读卡器的数据线和电源后再探测");
        }
        boolean enhanced = chosen.keySet().stream().anyMatch(DeviceKind::enhancedOnly);
        List<Map<String, Object>> devices = new ArrayList<>();
        for (Found f : chosen.values()) {
            DeviceKind k = f.kind().orElseThrow();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("kind", k.id());
            d.put("driver", f.driver());
            switch (k) {
                case A4_PRINTER -> d.put("printer", f.port());
                case SSCARD_READER -> d.put("reader", f.port());
                default -> {
                    d.put("port", f.port());
                    d.put("options", Map.of("baud", f.baud()));
                }
            }
            devices.add(d);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", enhanced ? "enhanced" : "desktop");
        root.put("devices", devices);
        String json;
        try {
            json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String text = "// 由 kioskctl device detect 按探测到的设备生成；其他选项用默认值（kioskctl config example "
                + (enhanced ? "enhanced" : "desktop") + " 有说明）\n" + json + "\n";
        try {
            DeviceProfile.parse(text, "detect"); // what kioskctl config check would say
        } catch (ProfileException e) {
            throw new IllegalStateException("生成的配置没有通过检查（程序错误）：" + e.getMessage(), e);
        }
        return text;
    }

    /** Writes {@code text} to {@code file} in one step; a file already there is kept as {@code FILE.bak}. */
    public static void write(Path file, String text) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, abs.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            if (Files.exists(abs)) {
                Files.copy(abs, abs.resolveSibling(abs.getFileName() + ".bak"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
