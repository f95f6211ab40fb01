package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.sync.BackendClient;
import cn.yzz.kiosk.cache.sync.HeartbeatSnapshot;
import cn.yzz.kiosk.cache.sync.SyncConfig;
import cn.yzz.kiosk.device.profile.DeviceProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat an enhanced kiosk really sends, caught on loopback: its devices in sync-api.md's words ("idcard" in the
 * heartbeat's example, "note-acceptor" in v1.1's devices) and states only "ok, warning, error, absent".
 */
class FittedDevicesHeartbeatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aReceiptRollNearlyUsedUpIsAWarningAsInTheContractsExample(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // The real ESC/POS driver against the printer emulator on an in-memory cable.
        cn.yzz.kiosk.device.serial.MemoryCable cable = new cn.yzz.kiosk.device.serial.MemoryCable("printer");
        try (var printer = new cn.yzz.kiosk.device.receipt.emu.ReceiptPrinterEmulator(cable::openDevice, 115200,
                cn.yzz.kiosk.device.receipt.Paper.MM80, dir)) {
            DeviceLinks links = new DeviceLinks() {
                @Override
                public java.util.Optional<Link> link(cn.yzz.kiosk.device.profile.DeviceKind kind) {
                    return kind == cn.yzz.kiosk.device.profile.DeviceKind.RECEIPT_PRINTER
                            ? java.util.Optional.of(new Link(cable::openHost, 115200)) : java.util.Optional.empty();
                }

                @Override
                public boolean takenAsPresent(cn.yzz.kiosk.device.profile.DeviceKind kind) {
                    return false;
                }
            };
            try (FittedDevices desktop = FittedDevices.build(DeviceProfile.parse(DeviceProfile.example("desktop"), "desktop.json"),
                    links)) {
                var driver = (cn.yzz.kiosk.device.receipt.ReceiptPrinter) desktop.device(
                        cn.yzz.kiosk.app.catalogue.DeviceNeed.RECEIPT_PRINTER).orElseThrow();
                driver.open();
                assertThat(receiptPrinter(desktop).state()).isEqualTo("ok");
                printer.setPaperNearEnd(true);
                assertThat(driver.status().get(10, java.util.concurrent.TimeUnit.SECONDS).paperNearEnd()).isTrue();
                HeartbeatSnapshot.Device d = receiptPrinter(desktop);
                assertThat(d.state()).isEqualTo("warning");
                assertThat(d.detail()).isEqualTo("paper near end");
            }
        }
    }

    private static HeartbeatSnapshot.Device receiptPrinter(FittedDevices fitted) {
        return fitted.snapshot().devices().stream().filter(x -> x.kind().equals("receipt-printer")).findFirst().orElseThrow();
    }

    @Test
    void theHeartbeatNamesDevicesAndStatesInTheContractsWords() throws Exception {
        List<JsonNode> sent = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/kiosk/api/v1/heartbeat", exchange -> {
            sent.add(JSON.readTree(exchange.getRequestBody().readAllBytes())); // small: never gzipped
            byte[] answer = "{\"serverTime\": \"2026-11-22T09:30:00+08:00\", \"commands\": []}".getBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try (FittedDevices enhanced = FittedDevices.build(DeviceProfile.parse(DeviceProfile.example("enhanced"), "enhanced.json"),
                DeviceLinks.PROFILE)) {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/kiosk";
            new BackendClient(SyncConfig.defaults(url, "WJ-0042", "tok-1", true), Clock.systemUTC())
                    .heartbeat(enhanced.snapshot(), new QueueStatus(0, 0, 0, 0, 0), 5);

            assertThat(sent).hasSize(1);
            List<String> kinds = new ArrayList<>();
            for (JsonNode d : sent.get(0).get("devices")) {
                kinds.add(d.get("kind").asText());
                assertThat(d.get("state").asText()).isIn("ok", "warning", "error", "absent");
            }
            assertThat(kinds).contains("idcard", "receipt-printer", "note-acceptor").doesNotContain("idcard-reader", "cash-acceptor");
        } finally {
            server.stop(0);
        }
    }
}
