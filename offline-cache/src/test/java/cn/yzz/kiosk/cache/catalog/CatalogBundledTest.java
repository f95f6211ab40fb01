package cn.yzz.kiosk.cache.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The bundled catalogue against the research table it comes from (service-catalogue.md §0.3, §1, §2).
 * {@code service-catalogue-rows.tsv} is §1's rows as the generator read them: row, code, evidence tag, and
 * whether the row marks anything [inferred].
 */
class CatalogBundledTest {

    private static final Catalog BUNDLED = CatalogParser.bundled();
    /** §0.3, with "GD / GS" as two. */
    private static final List<String> DEPARTMENTS = List.of("RSJ", "YBJ", "SWJ", "GAJ", "MZJ", "CL", "WJJ", "TYJ", "SFJ", "ZRJ",
            "NYJ", "GJJ", "ZJJ", "JYJ", "SJJ", "LYJ", "YJJ", "RMYH", "ZSJ", "CWH", "GD", "GS", "MULTI");
    private static final List<String> THEMES = List.of("social-insurance", "medical-insurance", "household-registry",
            "civil-affairs", "tax", "real-estate", "agriculture", "certificates", "one-thing", "other");

    record Row(int number, String code, String tag, boolean inferred) {}

    @Test
    void everyRowIsOneServiceAndAllAreOffered() throws IOException {
        List<Row> rows = rows();
        assertThat(rows).hasSize(164);
        assertThat(BUNDLED.leftOut()).isEmpty();
        assertThat(BUNDLED.services()).hasSize(164);
        assertThat(BUNDLED.services()).extracting(Service::code).containsExactlyElementsOf(rows.stream().map(Row::code).toList());
        assertThat(rows.stream().collect(Collectors.groupingBy(Row::tag, Collectors.counting())))
                .as("§1's counts").containsEntry("Y", 12L).containsEntry("G", 64L).containsEntry("N", 88L);
        assertThat(BUNDLED.version()).matches("\\d{4}-\\d{2}-\\d{2}\\.\\d+");
    }

    @Test
    void departmentsAndThemesAreListedInFull() {
        assertThat(BUNDLED.departments()).extracting(Department::code).containsExactlyElementsOf(DEPARTMENTS);
        assertThat(BUNDLED.departments()).allSatisfy(d -> assertThat(d.name()).isNotBlank());
        assertThat(BUNDLED.themes()).extracting(Theme::id).containsExactlyElementsOf(THEMES);
        assertThat(BUNDLED.themes()).allSatisfy(t -> {
            assertThat(t.hint().split("、")).as(t.id()).hasSizeBetween(2, 4);
            assertThat(t.englishName()).isNotBlank();
        });
        Set<String> used = BUNDLED.services().stream().map(Service::theme).collect(Collectors.toSet());
        assertThat(used).as("every theme has services").containsExactlyInAnyOrderElementsOf(THEMES);
    }

    @Test
    void evidenceIsNeverEmptyAndSaysWhatIsInferred() throws IOException {
        for (Row row : rows()) {
            Service s = BUNDLED.service(row.code()).orElseThrow();
            assertThat(s.evidence()).as(row.code()).startsWith(row.tag());
            if (row.inferred() || row.tag().equals("N")) {
                assertThat(s.evidence()).as(row.code()).contains("inferred");
            }
        }
    }

    @Test
    void theResidentInsuranceRowsArePaidForSelfHouseholdAndOthersByPhoneOrCash() {
        List<Payer> payers = List.of("SWJ-0001", "SWJ-0002", "SWJ-0003").stream()
                .map(code -> BUNDLED.service(code).orElseThrow().payers().get(0)).toList();
        assertThat(payers).containsExactly(Payer.SELF, Payer.HOUSEHOLD, Payer.OTHER);
        Service household = BUNDLED.service("SWJ-0002").orElseThrow();
        assertThat(household.amount()).isEqualTo(new Amount.From("grade", 100, true));
        assertThat(household.pay()).containsExactly(PayMethod.QR, PayMethod.CASH);
        assertThat(household.evidence()).contains("cash");
        assertThat(BUNDLED.service("RSJ-0011").orElseThrow().amount()).as("社会保障卡补换卡: 20 元 (S32)")
                .isEqualTo(new Amount.Fixed(2000, false));
    }

    @Test
    void everyFieldTypeIsUsedAndPaymentsFitTheirDevices() {
        Set<FieldType> types = EnumSet.noneOf(FieldType.class);
        BUNDLED.services().forEach(s -> s.form().forEach(f -> types.add(f.type())));
        assertThat(types).containsExactlyInAnyOrder(FieldType.values());
        for (Service s : BUNDLED.services()) {
            assertThat(s.devices()).as(s.code() + ": cash is also payable by phone").doesNotContain(DeviceUse.NOTE_ACCEPTOR);
            if (s.output() == Output.A4) {
                assertThat(s.devices()).as(s.code()).contains(DeviceUse.A4_PRINTER);
            }
            if (s.kind() == Kind.PAYMENT && s.output() == Output.RECEIPT) {
                assertThat(s.devices()).as(s.code()).contains(DeviceUse.RECEIPT_PRINTER);
            }
            if (s.identity().equals(List.of(Identity.FACE))) {
                throw new AssertionError(s.code() + ": face only, but desktop kiosks have no camera");
            }
            assertThat(s.keywords()).as(s.code()).hasSizeBetween(2, 4);
            assertThat(s.englishName()).as(s.code()).isNotBlank();
        }
    }

    @Test
    void bundlesHaveAtLeastTwoStepsOfThisCatalogue() {
        List<Service> bundles = BUNDLED.services().stream().filter(Service::isBundle).toList();
        assertThat(bundles).extracting(Service::theme).containsOnly("one-thing");
        assertThat(bundles).hasSizeGreaterThanOrEqualTo(5);
        Set<String> codes = new HashSet<>();
        BUNDLED.services().forEach(s -> codes.add(s.code()));
        bundles.forEach(b -> assertThat(b.bundleSteps()).as(b.code()).hasSizeGreaterThanOrEqualTo(2).allMatch(codes::contains));
    }

    private static List<Row> rows() throws IOException {
        try (InputStream in = CatalogBundledTest.class.getResourceAsStream("service-catalogue-rows.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).map(l -> l.split("\t"))
                    .map(c -> new Row(Integer.parseInt(c[0]), c[1], c[2], c[3].equals("yes"))).toList();
        }
    }
}
