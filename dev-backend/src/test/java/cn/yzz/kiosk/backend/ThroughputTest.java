package cn.yzz.kiosk.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sanity check that the backend is not grossly slow: 2,000 transactions in full batches. The
 * drain benchmark's goal (10,000 in ≤ 5 s) is measured by ./kiosk bench on a quiet machine; this
 * test prints the figure and only catches an order-of-magnitude regression.
 */
class ThroughputTest {
    @TempDir Path dir;

    @Test
    void stores_full_batches_quickly() throws Exception {
        try (DevBackend backend = DevBackend.start(0, dir, "FAST-0001", FaultSettings.none())) {
            ApiClient client = new ApiClient(backend).enroll("FAST-0001");
            int batches = 20;
            long t0 = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                String[] items = new String[100];
                for (int i = 0; i < items.length; i++) {
                    items[i] = ApiClient.payment(ApiClient.newId());
                }
                assertThat(client.postGzip("/transactions:batch", client.batch(items)).statusCode()).isEqualTo(200);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("dev-backend: " + batches * 100 + " transactions in " + batches + " batches over loopback: "
                    + ms + " ms (" + ms / batches + " ms per batch of 100)");
            assertThat(backend.storedIds()).hasSize(batches * 100);
            assertThat(ms).isLessThan(20_000);
        }
    }
}
