package cn.yzz.kiosk.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch is stored in one SQLite transaction: a failure half-way stores none of it. */
class BatchAtomicityTest {
    @TempDir Path dir;

    @Test
    void a_failure_in_the_middle_of_a_batch_stores_nothing_and_a_resend_stores_everything() throws Exception {
        try (DevBackend backend = DevBackend.start(0, dir, "ATOM-0001", FaultSettings.none())) {
            ApiClient client = new ApiClient(backend).enroll("ATOM-0001");
            String a = ApiClient.newId();
            String poison = ApiClient.newId();
            String c = ApiClient.newId();
            // A trigger makes the second insert fail inside the batch's transaction, as a full disk would.
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("dev-backend.db"));
                    Statement s = db.createStatement()) {
                s.execute("CREATE TRIGGER poison BEFORE INSERT ON txn WHEN NEW.id = '" + poison
                        + "' BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
            }
            HttpResponse<String> failed = client.sendBatch(ApiClient.payment(a), ApiClient.payment(poison), ApiClient.payment(c));
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(backend.storedIds()).isEmpty();

            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("dev-backend.db"));
                    Statement s = db.createStatement()) {
                s.execute("DROP TRIGGER poison");
            }
            HttpResponse<String> resent = client.sendBatch(ApiClient.payment(a), ApiClient.payment(poison), ApiClient.payment(c));
            assertThat(resent.statusCode()).isEqualTo(200);
            ApiClient.json(resent).get("results").forEach(r -> assertThat(r.get("status").asText()).isEqualTo("accepted"));
            assertThat(backend.storedIds()).containsExactly(a, poison, c);
        }
    }
}
