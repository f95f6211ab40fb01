package cn.yzz.kiosk.device.a4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The IPP encoding against answers captured from CUPS 2.4 (src/test/resources/…/a4/*.ipp). */
class IppCodecTest {

    static byte[] capture(String name) throws IOException {
        try (InputStream in = IppCodecTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aPausedPrinterAsCupsDescribesIt() throws Exception {
        IppMessage r = IppCodec.decode(capture("get-printer-attributes-paused.ipp"));

        assertThat(r.successful()).isTrue();
        assertThat(r.requestId()).isEqualTo(7);
        CupsClient.PrinterStatus p = CupsClient.printerStatus("PDF", r);
        assertThat(p.stopped()).isTrue();
        assertThat(p.accepting()).isTrue();
        assertThat(p.message()).isEqualTo("卡纸");
        assertThat(p.reasons()).containsExactly("paused");
        assertThat(p.queuedJobs()).isZero();
    }

    @Test
    void aJobListAsCupsSendsIt() throws Exception {
        IppMessage r = IppCodec.decode(capture("get-jobs.ipp"));

        List<CupsClient.JobStatus> jobs = CupsClient.jobs(r);
        assertThat(jobs).isNotEmpty();
        assertThat(jobs.get(0).name()).isEqualTo("yzz-a4-test1");
        assertThat(jobs).allSatisfy(j -> {
            assertThat(j.id()).isPositive();
            assertThat(j.state()).isBetween(CupsClient.PENDING, CupsClient.COMPLETED);
        });
        assertThat(r.group(IppMessage.OPERATION).flatMap(g -> g.integer("limit"))).contains(500);
    }

    @Test
    void aJobsPagesDoneAreItsImpressionsOrElseItsSheets() throws Exception {
        IppMessage r = IppCodec.decode(IppCodec.encode(new IppMessage(IppMessage.VERSION_2_0, 0, 1, List.of(
                new IppMessage.Group(IppMessage.JOB, List.of(IppMessage.Attribute.of("job-id", IppMessage.INTEGER, 7),
                        IppMessage.Attribute.of("job-impressions-completed", IppMessage.INTEGER, 2),
                        IppMessage.Attribute.of("job-media-sheets-completed", IppMessage.INTEGER, 1))),
                new IppMessage.Group(IppMessage.JOB, List.of(IppMessage.Attribute.of("job-id", IppMessage.INTEGER, 8),
                        IppMessage.Attribute.of("job-media-sheets-completed", IppMessage.INTEGER, 3))),
                new IppMessage.Group(IppMessage.JOB, List.of(IppMessage.Attribute.of("job-id", IppMessage.INTEGER, 9),
                        new IppMessage.Attribute("job-impressions-completed", IppMessage.NO_VALUE, List.of())))))));

        assertThat(CupsClient.jobs(r)).extracting(CupsClient.JobStatus::pagesDone).containsExactly(2, 3, 0);
    }

    @Test
    void whatIsEncodedDecodesToTheSameMessage() throws Exception {
        IppMessage m = new IppMessage(IppMessage.VERSION_2_0, IppMessage.GET_JOBS, 42, List.of(
                new IppMessage.Group(IppMessage.OPERATION, List.of(
                        IppMessage.Attribute.of("attributes-charset", IppMessage.CHARSET, "utf-8"),
                        IppMessage.Attribute.of("requested-attributes", IppMessage.KEYWORD, "job-id", "job-state"),
                        IppMessage.Attribute.of("job-id", IppMessage.INTEGER, -5),
                        IppMessage.Attribute.of("my-jobs", IppMessage.BOOLEAN, true),
                        new IppMessage.Attribute("printer-state-message", IppMessage.NO_VALUE, List.of()))),
                new IppMessage.Group(IppMessage.JOB, List.of(IppMessage.Attribute.of("job-name", IppMessage.NAME, "参保缴费记录")))));

        assertThat(IppCodec.decode(IppCodec.encode(m))).isEqualTo(m);
    }

    @Test
    void everyTruncationIsAnIppError() throws Exception {
        byte[] whole = capture("get-printer-attributes-paused.ipp");
        for (int n = 0; n < whole.length; n++) {
            byte[] part = Arrays.copyOf(whole, n);
            assertThatThrownBy(() -> IppCodec.decode(part)).as("first %d bytes", n).isInstanceOf(IppException.class);
        }
    }

    @Test
    void anIntegerOfTheWrongLengthIsRefused() {
        byte[] bad = {2, 0, 0, 0, 0, 0, 0, 1, 0x01, 0x21, 0, 1, 'x', 0, 2, 0, 1, 0x03};
        assertThatThrownBy(() -> IppCodec.decode(bad)).isInstanceOf(IppException.class).hasMessage("IPP 整数值长度应为 4，实为 2");
    }

    @Test
    void anAnswerTooLargeToBeRealIsRefusedUnread() {
        assertThatThrownBy(() -> IppCodec.decode(new byte[IppCodec.MAX_MESSAGE + 1])).isInstanceOf(IppException.class)
                .hasMessageStartingWith("IPP 应答太大");
    }
}
