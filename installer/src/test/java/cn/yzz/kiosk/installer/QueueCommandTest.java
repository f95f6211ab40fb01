package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.FaultSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kioskctl simulate} and {@code queue status|list|unblock} on a real SQLite store in a temporary data directory. */
class QueueCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void simulatedTransactionsOfEveryTypeArePendingAndListedMasked() throws Exception {
        Cli.Result sim = Cli.run("simulate", "--transactions", "25", "--seed", "7", "--data-dir", data.toString());
        assertThat(sim.exit()).as(sim.err()).isZero();
        assertThat(sim.out()).contains("25").contains("PAYMENT=5").contains("CASH_AUDIT=5");

        Cli.Result status = Cli.run("queue", "status", "--json", "--data-dir", data.toString());
        assertThat(status.exit()).as(status.err()).isZero();
        JsonNode s = JSON.readTree(status.out());
        assertThat(s.fieldNames()).toIterable().containsExactly("pending", "blocked", "rejected", "acknowledged", "oldestPendingSec");
        assertThat(s.get("pending").asLong()).isEqualTo(25);
        assertThat(s.get("blocked").asLong()).isZero();

        Cli.Result list = Cli.run("queue", "list", "--json", "--data-dir", data.toString());
        assertThat(list.exit()).as(list.err()).isZero();
        JsonNode entries = JSON.readTree(list.out());
        assertThat(entries).hasSize(25);
        Set<String> types = new HashSet<>();
        entries.forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).containsExactlyInAnyOrder("payment", "application", "print", "evaluation", "cash-audit");
        // Simulated people are made up, but the list must mask them as it would a real one: no 18-character number.
        Matcher fullId = Pattern.compile("\\d{17}[\\dX]").matcher(list.out());
        assertThat(fullId.find()).as("a full ID number in the list").isFalse();

        Cli.Result text = Cli.run("queue", "status", "--data-dir", data.toString());
        assertThat(text.out()).contains("待上传 25 条");
    }

    @Test
    void theListShowsTheCountysReferenceOnceAcknowledgedAndApplicationsTheirTrackingNumber() throws Exception {
        try (DevBackend backend = DevBackend.start(0, data.resolve("backend"), "Q-LIST", FaultSettings.none())) {
            Path kiosk = Files.createDirectory(data.resolve("kiosk"));
            assertThat(Cli.run("enroll", "--backend", backend.url(), "--code", "Q-LIST", "--model", "desktop",
                    "--village-code", "441802101201", "--data-dir", kiosk.toString()).exit()).isZero();
            assertThat(Cli.run("simulate", "--transactions", "10", "--seed", "3", "--data-dir", kiosk.toString()).exit()).isZero();

            Cli.Result pending = Cli.run("queue", "list", "--data-dir", kiosk.toString());
            assertThat(pending.exit()).as(pending.err()).isZero();
            assertThat(pending.out().lines().filter(l -> l.contains("PENDING")))
                    .hasSize(10).allSatisfy(l -> assertThat(l).matches(".*PENDING +\\S+ +\\S+ +- +尝试 0 次.*"));
            JsonNode before = JSON.readTree(Cli.run("queue", "list", "--json", "--data-dir", kiosk.toString()).out());
            before.forEach(e -> assertThat(e.get("backendRef").isNull()).isTrue());

            assertThat(Cli.run("sync", "--once", "--data-dir", kiosk.toString()).exit()).isZero();

            Cli.Result text = Cli.run("queue", "list", "--data-dir", kiosk.toString());
            JsonNode after = JSON.readTree(Cli.run("queue", "list", "--json", "--data-dir", kiosk.toString()).out());
            assertThat(text.exit()).isZero();
            assertThat(after).hasSize(10);
            Map<String, String> stored = new HashMap<>();
            backend.storedTransactions().forEach(t -> stored.put(t.id(), t.backendRef()));
            int applications = 0;
            for (JsonNode e : after) {
                String ref = e.get("backendRef").asText();
                assertThat(e.get("state").asText()).isEqualTo("acknowledged");
                assertThat(ref).as("the county's own reference").isEqualTo(stored.get(e.get("id").asText()));
                assertThat(text.out()).containsPattern(e.get("id").asText() + "  ACKNOWLEDGED +\\S+ +\\S+ +" + ref + " +尝试 [0-9]+ 次");
                if (e.get("type").asText().equals("application")) {
                    applications++;
                    assertThat(ref).as("a 办件编号: the county, the day, the day's sequence").matches("441802[0-9]{8}[0-9]{6}");
                } else {
                    assertThat(ref).startsWith("DB");
                }
            }
            assertThat(applications).as("the simulation makes applications").isPositive();
            assertThat(text.out()).contains("共 10 条");
        }
    }

    @Test
    void theSameSeedMakesTheSameTransactionsButNewIds() throws Exception {
        Path other = Files.createDirectory(data.resolve("other"));
        Cli.run("simulate", "--transactions", "3", "--seed", "9", "--data-dir", data.toString());
        Cli.run("simulate", "--transactions", "3", "--seed", "9", "--data-dir", other.toString());
        JsonNode a = JSON.readTree(Cli.run("queue", "list", "--json", "--data-dir", data.toString()).out());
        JsonNode b = JSON.readTree(Cli.run("queue", "list", "--json", "--data-dir", other.toString()).out());
        for (int i = 0; i < 3; i++) {
            assertThat(a.get(i).get("person")).isEqualTo(b.get(i).get("person"));
            assertThat(a.get(i).get("id")).isNotEqualTo(b.get(i).get("id"));
        }
    }

    @Test
    void unblockingSaysWhatIsWrong() {
        Cli.run("simulate", "--transactions", "1", "--data-dir", data.toString());
        Cli.Result notAnId = Cli.run("queue", "unblock", "nonsense", "--data-dir", data.toString());
        assertThat(notAnId.exit()).isEqualTo(ExitCodes.USAGE);
        Cli.Result unknown = Cli.run("queue", "unblock", "0190f3c2-0000-7000-8000-000000000000", "--data-dir", data.toString());
        assertThat(unknown.exit()).isEqualTo(ExitCodes.FAILURE);
        assertThat(unknown.err()).contains("没有这条已阻塞的业务");
    }

    @Test
    void aMissingDataDirectoryIsAUsageError() {
        Cli.Result r = Cli.run("queue", "status", "--data-dir", data.resolve("nowhere").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("数据目录不存在");
        assertThat(Files.exists(data.resolve("nowhere"))).as("nothing is created").isFalse();
    }
}
