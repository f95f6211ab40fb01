package cn.yzz.kiosk.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.flow.IdentifyModel.Problem;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.i18n.Language;
import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.service.County;
import cn.yzz.kiosk.app.service.FakeCounty;
import cn.yzz.kiosk.app.support.FakeIdCardReader;
import cn.yzz.kiosk.app.support.FakeQrScanner;
import cn.yzz.kiosk.app.support.FakeSsCardReader;
import cn.yzz.kiosk.app.support.Retained;
import cn.yzz.kiosk.app.voice.VoicePrompts;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.catalog.Identity;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import cn.yzz.kiosk.device.idcard.Sex;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.sscard.SsCard;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The identify screen's ways, each working at the same time: the ID card, a 粤省事码 resolved by the county,
 * the social security card; what is offered, what each failure says, and that the code leaves no trace.
 * Fakes answer on the test's thread, which stands in for the JavaFX thread (a direct executor).
 */
class IdentifyWaysTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final String CODE = "YSS-TEST-7f3a9c0e5b21d4";
    private static final Person LI = new Person("440203195103152316", "李秀英");
    private static final List<Identity> ALL = List.of(Identity.IDCARD, Identity.YSS_CODE, Identity.SSCARD);
    private static final Abilities ENHANCED = new Abilities(EnumSet.allOf(DeviceNeed.class), true, "enhanced");

    private final FakeIdCardReader idReader = new FakeIdCardReader();
    private final FakeQrScanner scanner = new FakeQrScanner();
    private final FakeSsCardReader ssReader = new FakeSsCardReader();
    private final FakeCounty county = new FakeCounty(TODAY);
    private IdentifyModel model;

    @BeforeEach
    void setUp() {
        county.codes.put(CODE, LI);
        model = new IdentifyModel(idReader, Runnable::run, TODAY, IdentifyModel.CARD_WAIT, PhotoDecoder.placeholder(),
                new IdentifyModel.Means(scanner, ssReader, county));
        model.abilitiesProperty().set(ENHANCED);
    }

    private Step step() {
        return model.stepProperty().get();
    }

    // What is offered //

    @Test
    void offersTheWaysTheServiceTakesAndTheKioskCanDoNowIdCardFirst() {
        model.start(List.of(Identity.SSCARD, Identity.YSS_CODE, Identity.IDCARD, Identity.FACE));
        assertThat(model.methodsProperty()).as("catalogue order does not matter; no face recognition here").containsExactlyElementsOf(ALL);
        assertThat(idReader.reads()).hasSize(1);
        assertThat(ssReader.reading()).isTrue();
        assertThat(scanner.listening()).isTrue();

        model.abilitiesProperty().set(new Abilities(ENHANCED.devices(), false, "enhanced"));
        assertThat(model.methodsProperty()).as("offline: a code cannot be checked").containsExactly(Identity.IDCARD, Identity.SSCARD);
        assertThat(scanner.listening()).as("still listening, to tell a villager who shows one").isTrue();

        model.abilitiesProperty().set(new Abilities(EnumSet.complementOf(EnumSet.of(DeviceNeed.SSCARD_READER)), true, "enhanced"));
        assertThat(model.methodsProperty()).containsExactly(Identity.IDCARD, Identity.YSS_CODE);
        assertThat(ssReader.reads()).as("the reader that went down is no longer read").allMatch(f -> f.isDone());

        model.abilitiesProperty().set(ENHANCED);
        assertThat(model.methodsProperty()).containsExactlyElementsOf(ALL);
        assertThat(ssReader.reading()).as("back: read again").isTrue();
    }

    @Test
    void aServiceThatTakesOnlyTheIdCardOffersOnlyIt() {
        model.start(List.of(Identity.IDCARD));
        assertThat(model.methodsProperty()).containsExactly(Identity.IDCARD);
        assertThat(ssReader.reads()).isEmpty();
    }

    @Test
    void aDesktopKioskHasNoSocialSecurityCardWay() {
        IdentifyModel desktop = new IdentifyModel(idReader, Runnable::run, TODAY, IdentifyModel.CARD_WAIT, PhotoDecoder.placeholder(),
                new IdentifyModel.Means(scanner, null, county));
        desktop.abilitiesProperty().set(new Abilities(EnumSet.of(DeviceNeed.IDCARD_READER, DeviceNeed.QR_SCANNER), true, "desktop"));
        desktop.start();
        assertThat(desktop.methodsProperty()).containsExactly(Identity.IDCARD, Identity.YSS_CODE);
    }

    // 粤省事码 //

    @Test
    void aCodeIsResolvedWithProgressAndGivesTheMaskedIdentityWithoutAPhoto() {
        county.resolveHangs = true;
        model.start(ALL);
        scanner.show(CODE);
        assertThat(step()).isEqualTo(Step.RESOLVING);
        assertThat(model.readingProperty().get()).as("progress shown").isTrue();
        assertThat(idReader.lastRead()).as("the ID card is still read meanwhile").isNotDone();

        county.pendingResolve.complete(LI);
        assertThat(step()).isEqualTo(Step.DONE);
        MaskedIdentity id = model.identityProperty().get();
        assertThat(id.how()).isEqualTo(Identity.YSS_CODE);
        assertThat(id.name()).isEqualTo("李**").isEqualTo(Mask.name(LI.name()));
        assertThat(id.number()).isEqualTo(Mask.number(LI.idNumber()));
        assertThat(id.cardType()).isNull();
        assertThat(id.sex()).as("from the number").isEqualTo(Sex.MALE);
        assertThat(id.age()).isEqualTo(75);
        assertThat(id.elder()).isTrue();
        assertThat(id.validFrom()).isNull();
        assertThat(id.canContinue()).isTrue();
        assertThat(id.photo().argb()).as("the neutral figure").isEqualTo(PhotoDecoder.placeholder().decode(new byte[0]).argb());
        assertThat(model.villagerProperty().get().how()).isEqualTo(Identity.YSS_CODE);
        assertThat(model.villagerProperty().get().idNumber()).isEqualTo(LI.idNumber());
        assertThat(idReader.lastRead()).as("the other ways stop").isCancelled();
        assertThat(ssReader.reads()).allMatch(f -> f.isDone());
        assertThat(scanner.listening()).isFalse();
        assertThat(model.readingProperty().get()).isFalse();
        assertThat(model.cardMayBeOnReader()).isFalse();
        assertThat(model.ssCardMayBeInReader()).isFalse();
    }

    @Test
    void anUnknownCodeSaysSoAndTheOtherWaysAndTheScannerGoOn() {
        model.start(ALL);
        scanner.show("YSS-EXPIRED-000");
        assertThat(step()).isEqualTo(Step.ERROR);
        assertThat(model.problemProperty().get()).isEqualTo(Problem.CODE_UNKNOWN);
        assertThat(county.calls).containsExactly("resolve");
        assertThat(idReader.lastRead()).isNotDone();
        assertThat(ssReader.reading()).isTrue();

        scanner.show(CODE); // refreshed on the phone
        assertThat(step()).isEqualTo(Step.DONE);
        assertThat(model.problemProperty().get()).isNull();
    }

    @Test
    void offlineTheCodeIsNotSentAndTheScreenSaysToUseTheIdCard() {
        model.abilitiesProperty().set(new Abilities(ENHANCED.devices(), false, "enhanced"));
        model.start(ALL);
        scanner.show(CODE);
        assertThat(model.problemProperty().get()).isEqualTo(Problem.CODE_OFFLINE);
        assertThat(county.calls).as("nothing sent while offline").isEmpty();
        assertThat(step()).isEqualTo(Step.ERROR);

        idReader.lastRead().complete(CardFixtures.RESIDENT.card());
        assertThat(step()).isEqualTo(Step.DONE);
        assertThat(model.villagerProperty().get().how()).isEqualTo(Identity.IDCARD);
    }

    @Test
    void aCountyThatDoesNotAnswerIsOfflineToo() {
        county.down = true;
        model.start(ALL);
        scanner.show(CODE);
        assertThat(model.problemProperty().get()).isEqualTo(Problem.CODE_OFFLINE);
    }

    @Test
    void aCountyAnswerThatMakesNoSenseAsksForTheIdCard() {
        county.resolveHangs = true;
        model.start(ALL);
        scanner.show(CODE);
        county.pendingResolve.completeExceptionally(new IllegalStateException("POST /api/v1/identity/resolve answered 500"));
        assertThat(model.problemProperty().get()).isEqualTo(Problem.CODE_FAILED);
        assertThat(step()).isEqualTo(Step.ERROR);
    }

    @Test
    void aServiceThatTakesNoCodeSaysSo() {
        model.start(List.of(Identity.IDCARD));
        scanner.show(CODE);
        assertThat(model.problemProperty().get()).isEqualTo(Problem.CODE_NOT_ACCEPTED);
        assertThat(county.calls).isEmpty();
    }

    @Test
    void anIdCardPlacedWhileTheCodeIsCheckedWinsAndTheLateAnswerGoesNowhere() {
        county.resolveHangs = true;
        model.start(ALL);
        scanner.show(CODE);
        idReader.lastRead().complete(CardFixtures.RESIDENT.card());
        assertThat(step()).isEqualTo(Step.DONE);
        county.pendingResolve.complete(LI);
        assertThat(model.villagerProperty().get().how()).isEqualTo(Identity.IDCARD);
        assertThat(model.identityProperty().get().cardType()).isNotNull();
    }

    @Test
    void aSecondCodeWhileTheFirstIsCheckedIsIgnored() {
        county.resolveHangs = true;
        model.start(ALL);
        scanner.show(CODE);
        scanner.show(CODE);
        assertThat(county.calls).containsExactly("resolve");
    }

    @Test
    void atHomeACodeAsksToIdentifyFirstAndIsThenResolved() {
        int[] asked = {0};
        model.watchAtHome(() -> {
            asked[0]++;
            model.start();
            return true;
        });
        assertThat(scanner.listening()).as("home listens for codes").isTrue();
        assertThat(idReader.reads()).as("but reads no card").isEmpty();
        scanner.show(CODE);
        assertThat(asked[0]).isEqualTo(1);
        assertThat(step()).isEqualTo(Step.DONE);
        assertThat(model.villagerProperty().get().how()).isEqualTo(Identity.YSS_CODE);
    }

    @Test
    void atHomeACodeTheFlowDoesNotTakeIsDropped() {
        model.watchAtHome(() -> false);
        scanner.show(CODE);
        assertThat(step()).isEqualTo(Step.IDLE);
        assertThat(county.calls).isEmpty();
        assertThat(scanner.listening()).as("listening again").isTrue();

        model.watchAtHome(null);
        assertThat(scanner.listening()).isFalse();
    }

    @Test
    void aScannerNotYetOpenIsListenedToOnceItIs() {
        scanner.state(DeviceState.CLOSED);
        model.start(ALL);
        assertThat(scanner.scans()).isEmpty();
        scanner.state(DeviceState.IDLE);
        assertThat(scanner.listening()).isTrue();
        scanner.state(DeviceState.OFFLINE);
        assertThat(scanner.listening()).isFalse();
        scanner.state(DeviceState.IDLE);
        assertThat(scanner.listening()).isTrue();
    }

    @Test
    void theCodeIsHeldNowhereOnceResolvedNorAfterTheVisit() {
        Session session = new Session();
        model.start(ALL);
        scanner.show(CODE);
        assertThat(step()).isEqualTo(Step.DONE);
        // Not the kiosk's memory: the county's own table of codes, and the fake scanner's record of what it was shown.
        java.util.function.Predicate<Object> outside = o -> o instanceof County || o instanceof FakeQrScanner;
        assertThat(Retained.find(CODE, outside, model, session)).isEmpty();
        assertThat(Retained.find(LI.idNumber(), outside, model)).as("the walk reaches what the model does hold")
                .contains("IdentifyModel.villager.value.idNumber");

        model.cancel();
        model.start(ALL);
        scanner.show("YSS-EXPIRED-000"); // 404
        assertThat(Retained.find("YSS-EXPIRED-000", outside, model)).isEmpty();
        // the walk does find what is held: the fake scanner's record of its own scans is the negative control
        assertThat(Retained.find("YSS-EXPIRED-000", o -> false, scanner.scans())).isNotEmpty();
    }

    // The social security card //

    @Test
    void aGoodSocialSecurityCardIdentifiesWithMaskedDataAndValidity() {
        model.start(ALL);
        SsCard card = SsCardFixtures.GEN2.card();
        ssReader.insert(card);
        assertThat(step()).isEqualTo(Step.DONE);
        MaskedIdentity id = model.identityProperty().get();
        assertThat(id.how()).isEqualTo(Identity.SSCARD);
        assertThat(id.name()).isEqualTo(Mask.name(card.name()));
        assertThat(id.number()).isEqualTo(Mask.number(card.idNumber())).doesNotContain(card.idNumber().substring(3, 14));
        assertThat(id.nation()).isEqualTo("壮族");
        assertThat(id.sex()).isEqualTo(Sex.MALE);
        assertThat(id.validFrom()).isEqualTo(card.issueDate());
        assertThat(id.validTo()).isEqualTo(card.expiryDate());
        assertThat(id.photo().argb()).isEqualTo(PhotoDecoder.placeholder().decode(new byte[0]).argb());
        assertThat(model.villagerProperty().get().ssCard()).isEqualTo(card);
        assertThat(model.ssCardMayBeInReader()).isTrue();
        assertThat(model.cardMayBeOnReader()).isFalse();
        assertThat(idReader.lastRead()).isCancelled();
        assertThat(scanner.listening()).isFalse();
    }

    @Test
    void anExpiredCardSaysSoAndIsNotReadAgainUntilItIsTakenOut() {
        model.start(ALL);
        ssReader.insert(SsCardFixtures.EXPIRED.card());
        assertThat(step()).isEqualTo(Step.ERROR);
        assertThat(model.problemProperty().get()).isEqualTo(Problem.SSCARD_EXPIRED);
        assertThat(model.identityProperty().get()).as("nothing of an expired card is shown").isNull();
        assertThat(ssReader.reads()).hasSize(1);
        assertThat(model.ssCardMayBeInReader()).isTrue();
        assertThat(idReader.lastRead()).as("the ID card is still welcome").isNotDone();

        ssReader.remove();
        assertThat(ssReader.reading()).as("read again once out").isTrue();
        ssReader.insert(SsCardFixtures.GEN3.card());
        assertThat(step()).isEqualTo(Step.DONE);
    }

    @Test
    void aCardThatIsNotASocialSecurityCardSaysSo() throws Exception {
        model.start(ALL);
        ssReader.insert(notSsCard());
        assertThat(model.problemProperty().get()).isEqualTo(Problem.NOT_SSCARD);
        assertThat(ssReader.reading()).isFalse();
        ssReader.remove();
        assertThat(ssReader.reading()).isTrue();
    }

    @Test
    void aCardThatCouldNotBeReadAsksToInsertItAgain() {
        model.start(ALL);
        ssReader.insert(new DeviceException(DeviceException.Kind.MEDIA_ERROR, "社保卡在读取中被拔出，请把社保卡插好后再读一次"));
        assertThat(model.problemProperty().get()).isEqualTo(Problem.SSCARD_AGAIN);
    }

    @Test
    void aCardAlreadyOutWhenItsFailureArrivesIsNotWaitedFor() {
        model.start(ALL);
        ssReader.reads().get(0).completeExceptionally(new DeviceException(DeviceException.Kind.MEDIA_ERROR, "pulled out"));
        assertThat(model.problemProperty().get()).isEqualTo(Problem.SSCARD_AGAIN);
        assertThat(ssReader.reading()).as("the slot is empty: the next card is read at once").isTrue();
    }

    @Test
    void aSocialSecurityCardForAServiceThatTakesNoneSaysSo() {
        model.start(List.of(Identity.IDCARD, Identity.YSS_CODE));
        ssReader.insert(SsCardFixtures.GEN2.card());
        assertThat(model.problemProperty().get()).isEqualTo(Problem.SSCARD_NOT_ACCEPTED);
        assertThat(model.identityProperty().get()).isNull();
        assertThat(model.ssCardMayBeInReader()).as("remind to take it").isTrue();
    }

    @Test
    void theReaderKeepsWaitingWhenNoCardComesInTime() {
        model.start(ALL);
        ssReader.reads().get(0).completeExceptionally(new DeviceException(DeviceException.Kind.NO_MEDIA, "none"));
        assertThat(ssReader.reads()).hasSize(2);
        assertThat(step()).isEqualTo(Step.WAITING);
    }

    @Test
    void cancelStopsEverythingAndForgets() {
        model.start(ALL);
        ssReader.insert(SsCardFixtures.GEN2.card());
        model.cancel();
        assertThat(step()).isEqualTo(Step.IDLE);
        assertThat(model.identityProperty().get()).isNull();
        assertThat(model.villagerProperty().get()).isNull();
        assertThat(model.methodsProperty()).isEmpty();
        assertThat(model.ssCardMayBeInReader()).isFalse();
        assertThat(scanner.listening()).isFalse();
    }

    // Words //

    @Test
    void everyProblemHasItsWordsOnScreenAndInEveryVoice() {
        Texts texts = new Texts();
        VoicePrompts prompts = VoicePrompts.load();
        for (Problem p : Problem.values()) {
            assertThat(texts.get(p.key())).as(p.key()).isNotBlank().doesNotContain(p.key());
            for (Language l : Language.values()) {
                assertThat(prompts.text(cn.yzz.kiosk.app.voice.Prompt.of(p.key()), l)).as(p + " in " + l).isNotBlank();
            }
        }
        for (Identity m : IdentifyModel.METHODS) {
            assertThat(texts.get("method." + m.wire() + ".title")).isNotBlank();
        }
        assertThat(texts.get("identify.error.code_offline")).as("offline: the ID card instead").contains("身份证");
    }

    private static DeviceException notSsCard() throws Exception {
        // The driver's own exception, as a bank card gives it.
        var ctor = cn.yzz.kiosk.device.sscard.NotSsCardException.class.getDeclaredConstructor();
        ctor.setAccessible(true);
        return ctor.newInstance();
    }
}
