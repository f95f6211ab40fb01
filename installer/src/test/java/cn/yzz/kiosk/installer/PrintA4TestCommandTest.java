package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kioskctl device print-a4-test} end to end: picocli → driver → javax.print → lpr → the real
 * CUPS → cups-pdf (the queue PDF that ./kiosk test sets up).
 */
class PrintA4TestCommandTest {

    static final Pattern DONE = Pattern.compile("A4 测试页已打印：打印机 PDF，任务 (\\d+)，共 2 页，用时 \\d+\\.\\d 秒\n");

    @BeforeEach
    @AfterEach
    void queueAsSetUp() throws Exception {
        admin("cupsenable", "PDF");
        admin("cupsaccept", "PDF");
    }

    @Test
    void printsTheTestPageAndWaitsForIt() throws Exception {
        Cli.Result r = Cli.run("device", "print-a4-test", "--printer", "PDF");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        Matcher m = DONE.matcher(r.out());
        assertThat(m.matches()).as(r.out()).isTrue();
        Files.createDirectories(Path.of("target", "a4"));
        // Kept under target/ to look at, and out of the spool folder so it does not grow run after run.
        Path printed = Files.move(pdfOf(Integer.parseInt(m.group(1))), Path.of("target", "a4", "print-a4-test.pdf"),
                StandardCopyOption.REPLACE_EXISTING);
        try (PDDocument pdf = Loader.loadPDF(printed.toFile())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(2);
            assertThat(pdf.getPage(0).getMediaBox().getWidth()).isBetween(594f, 596f);
        }
    }

    @Test
    void aPrinterThatDoesNotExistExitsWithTheReason() {
        Cli.Result r = Cli.run("device", "print-a4-test", "--printer", "yzz-no-such-printer");

        assertThat(r.exit()).isEqualTo(ExitCodes.NOT_ANSWERING);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("kioskctl: A4 测试页没有打印成功：找不到打印机 yzz-no-such-printer：请确认打印机已在 CUPS 中添加");
    }

    @Test
    void aPausedPrinterExitsWithTheReasonInsteadOfWaiting() throws Exception {
        admin("cupsdisable", "-r", "缺纸", "PDF");
        Cli.Result r = Cli.run("device", "print-a4-test", "--printer", "PDF");

        assertThat(r.exit()).isEqualTo(ExitCodes.DEVICE_FAULT);
        assertThat(r.err()).isEqualTo("kioskctl: A4 测试页没有打印成功：打印机 PDF 已暂停（缺纸）：请排除故障后恢复打印（cupsenable PDF）\n");
    }

    @Test
    void theTimeoutMustBeSeconds() {
        Cli.Result r = Cli.run("device", "print-a4-test", "--timeout", "soon");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("'soon' 不是秒数");
    }

    /** cups-pdf's output folder ({@code Out} in its configuration) holds {@code …-job_<id>.pdf}. */
    static Path pdfOf(int job) throws IOException {
        String out = Files.readAllLines(Path.of("/etc/cups/cups-pdf.conf")).stream().map(String::strip)
                .filter(l -> l.startsWith("Out ")).map(l -> l.substring(4).strip()).findFirst().orElse("${HOME}/PDF");
        Path dir = Path.of(out.replace("${USER}", System.getProperty("user.name")).replace("${HOME}", System.getProperty("user.home")));
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().endsWith("-job_" + job + ".pdf")).toList();
            assertThat(found).as("the PDF of job %d in %s", job, dir).hasSize(1);
            return found.get(0);
        }
    }

    static void admin(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + new String(p.getInputStream().readAllBytes())).isZero();
    }
}
