package cn.yzz.kiosk.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.flow.Abilities;
import cn.yzz.kiosk.app.flow.IdentifyModel;
import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.flow.Session;
import cn.yzz.kiosk.app.search.SearchModel.State;
import cn.yzz.kiosk.app.service.FakeCounty;
import cn.yzz.kiosk.app.service.Offer;
import cn.yzz.kiosk.app.service.ReceiptOut;
import cn.yzz.kiosk.app.service.ServiceRun;
import cn.yzz.kiosk.app.support.FakeIdCardReader;
import cn.yzz.kiosk.app.support.ManualScheduler;
import cn.yzz.kiosk.cache.catalog.Catalog;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The 搜索 screen's model: letters, results a page at a time, only what the kiosk can do now, the index
 * built elsewhere and handed back; and, through the flow, choosing a result and coming back to it.
 * Queues stand in for the index thread and the JavaFX thread, so each test says when each runs.
 */
class SearchModelTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final Abilities EVERYTHING = new Abilities(EnumSet.allOf(DeviceNeed.class), true, "enhanced");
    private static final Catalog BUNDLED = CatalogParser.bundled();

    private final FakeIdCardReader reader = new FakeIdCardReader();
    private final Queue<Runnable> indexThread = new ArrayDeque<>();
    private final Queue<Runnable> fxThread = new ArrayDeque<>();
    private final SimpleObjectProperty<Catalog> catalogue = new SimpleObjectProperty<>(BUNDLED);
    private final SimpleObjectProperty<Abilities> abilities = new SimpleObjectProperty<>(EVERYTHING);
    private SearchModel search;

    @BeforeEach
    void setUp() {
        search = new SearchModel(catalogue, abilities, indexThread::add, fxThread::add);
    }

    /** The index thread builds what it was given, then the JavaFX thread takes it. */
    private void indexBuilt() {
        while (!indexThread.isEmpty()) {
            indexThread.remove().run();
        }
        while (!fxThread.isEmpty()) {
            fxThread.remove().run();
        }
    }

    private void type(String letters) {
        for (char c : letters.toCharArray()) {
            search.key(c);
        }
    }

    private List<Service> offered(String typed, Abilities a) {
        return SearchIndex.of(catalogue.get()).find(typed).stream().filter(s -> Offer.offered(s, a, catalogue.get()::service)).toList();
    }

    @Test
    void theIndexIsBuiltOnItsOwnThreadWhenTheScreenFirstOpensAndResultsFollowWhenItIsReady() {
        assertThat(indexThread).as("nothing is built before the screen is used").isEmpty();
        search.open();
        assertThat(indexThread).as("the index is built off the JavaFX thread").hasSize(1);
        assertThat(search.stateProperty().get()).isEqualTo(State.PREPARING);
        type("cxjmjb");
        assertThat(search.countProperty().get()).as("no results before the index is ready").isZero();
        assertThat(search.noneFound()).as("not ready is not 没有找到").isFalse();

        indexBuilt();
        assertThat(search.stateProperty().get()).isEqualTo(State.READY);
        // 城乡居民基本养老/医疗保险…: the applications this kiosk does, shortest name first
        assertThat(search.pageServicesProperty()).extracting(Service::code).containsExactly("RSJ-0005", "RSJ-0007", "YBJ-0001", "RSJ-0006")
                .containsExactlyElementsOf(offered("cxjmjb", EVERYTHING).stream().map(Service::code).limit(SearchModel.PAGE_SIZE).toList());
        assertThat(search.promptProperty().get().key()).isEqualTo("search.found");

        search.open();
        assertThat(indexThread).as("opened again: the index is kept").isEmpty();
        assertThat(search.lettersProperty().get()).as("opened again: an empty field").isEmpty();
    }

    @Test
    void lettersAreTypedDeletedAndClearedAndEachChangeSearchesAgain() {
        search.open();
        indexBuilt();
        assertThat(search.promptProperty().get().key()).isEqualTo("search");
        type("YLB");
        search.key('?');
        search.key('x');
        assertThat(search.lettersProperty().get()).isEqualTo("ylbx");
        assertThat(search.pageServicesProperty()).isNotEmpty();
        int ylbx = search.countProperty().get();

        search.delete();
        assertThat(search.lettersProperty().get()).isEqualTo("ylb");
        assertThat(search.countProperty().get()).isEqualTo(offered("ylb", EVERYTHING).size()).isGreaterThanOrEqualTo(ylbx);

        search.clear();
        assertThat(search.lettersProperty().get()).isEmpty();
        assertThat(search.countProperty().get()).isZero();
        assertThat(search.pageServicesProperty()).isEmpty();
        assertThat(search.promptProperty().get().key()).isEqualTo("search");

        type("abcdefghijklmn");
        assertThat(search.lettersProperty().get()).as("the field holds " + SearchModel.MAX_LETTERS + " letters")
                .hasSize(SearchModel.MAX_LETTERS);
    }

    @Test
    void resultsComeAPageAtATimeFewerInElderMode() {
        search.open();
        indexBuilt();
        type("s");
        List<Service> all = offered("s", EVERYTHING);
        int size = SearchModel.PAGE_SIZE;
        assertThat(all).hasSizeGreaterThan(2 * size);
        int pages = (all.size() + size - 1) / size;
        assertThat(search.countProperty().get()).isEqualTo(all.size());
        assertThat(search.pageCountProperty().get()).isEqualTo(pages);
        assertThat(search.pageServicesProperty()).containsExactlyElementsOf(all.subList(0, size));
        assertThat(search.hasPreviousPageProperty().get()).isFalse();

        search.nextPage();
        assertThat(search.pageServicesProperty()).containsExactlyElementsOf(all.subList(size, 2 * size));
        assertThat(search.hasPreviousPageProperty().get()).isTrue();
        for (int p = 2; p < pages + 3; p++) {
            search.nextPage();
        }
        assertThat(search.pageProperty().get()).as("no page past the last").isEqualTo(pages - 1);
        assertThat(search.hasNextPageProperty().get()).isFalse();
        assertThat(search.pageServicesProperty()).containsExactlyElementsOf(all.subList((pages - 1) * size, all.size()));

        search.key('h');
        assertThat(search.pageProperty().get()).as("a new letter starts at the first page").isZero();

        search.pageSizeProperty().set(SearchModel.ELDER_PAGE_SIZE);
        assertThat(search.pageServicesProperty()).hasSize(Math.min(SearchModel.ELDER_PAGE_SIZE, search.countProperty().get()));
        assertThat(search.pageCountProperty().get())
                .isEqualTo((search.countProperty().get() + SearchModel.ELDER_PAGE_SIZE - 1) / SearchModel.ELDER_PAGE_SIZE);
    }

    @Test
    void onlyWhatTheKioskCanDoNowIsListedAndTheListFollowsTheDevices() {
        search.open();
        indexBuilt();
        type("sb");
        List<Service> online = offered("sb", EVERYTHING);
        Abilities offline = new Abilities(EnumSet.allOf(DeviceNeed.class), false, "enhanced");
        List<Service> offlineOnly = offered("sb", offline);
        assertThat(offlineOnly).as("some of them need the line").hasSizeLessThan(online.size()).isNotEmpty();
        assertThat(search.countProperty().get()).isEqualTo(online.size());

        abilities.set(offline);
        assertThat(search.countProperty().get()).isEqualTo(offlineOnly.size());
        assertThat(search.pageServicesProperty()).allSatisfy(s -> assertThat(Offer.offered(s, offline, BUNDLED::service)).isTrue());

        abilities.set(new Abilities(Set.of(), false, "desktop"));
        assertThat(search.countProperty().get()).isZero();
        assertThat(search.noneFound()).isTrue();
        assertThat(search.notOfferedHereProperty().get()).as("found, but nothing this kiosk can do now").isTrue();
        assertThat(search.promptProperty().get().key()).isEqualTo("search.none.here");
    }

    @Test
    void nothingFoundSaysSo() {
        search.open();
        indexBuilt();
        type("qqq");
        assertThat(search.noneFound()).isTrue();
        assertThat(search.pageCountProperty().get()).isZero();
        assertThat(search.promptProperty().get().key()).isEqualTo("search.none");
        assertThat(search.notOfferedHereProperty().get()).isFalse();
        search.delete();
        search.delete();
        search.delete();
        assertThat(search.noneFound()).as("an empty field is not 没有找到").isFalse();
    }

    @Test
    void servicesFoundButNotOfferedHereAreSaidSoNotNothingFound() {
        abilities.set(new Abilities(EnumSet.allOf(DeviceNeed.class), false, "enhanced"));
        search.open();
        indexBuilt();
        type("sbcx"); // 社保查询: in the catalogue, but a query needs the line, which is down
        assertThat(SearchIndex.of(BUNDLED).find("sbcx")).extracting(Service::code).containsExactly("RSJ-0002");
        assertThat(search.countProperty().get()).isZero();
        assertThat(search.noneFound()).isTrue();
        assertThat(search.notOfferedHereProperty().get()).isTrue();
        assertThat(search.promptProperty().get().key()).isEqualTo("search.none.here");
        search.delete();
        search.delete();
        assertThat(search.countProperty().get()).as("sb finds what the kiosk can do").isPositive();
        assertThat(search.notOfferedHereProperty().get()).isFalse();
    }

    @Test
    void aNewCatalogueIsIndexedAgainAndTheOldIndexServesUntilTheNewOneIsReady() {
        search.open();
        indexBuilt();
        type("cxjmjb");
        int before = search.countProperty().get();
        assertThat(search.pageServicesProperty()).extracting(Service::code).contains("RSJ-0005");

        Catalog fewer = new Catalog("fewer", BUNDLED.departments(), BUNDLED.themes(),
                BUNDLED.services().stream().filter(s -> !s.code().equals("RSJ-0005")).toList(), List.of());
        catalogue.set(fewer);
        assertThat(indexThread).as("the new catalogue is indexed").hasSize(1);
        assertThat(search.stateProperty().get()).isEqualTo(State.READY);
        assertThat(search.countProperty().get()).as("meanwhile, the old index").isEqualTo(before);

        indexBuilt();
        assertThat(search.countProperty().get()).isEqualTo(before - 1);
        assertThat(search.pageServicesProperty()).extracting(Service::code).as("no longer in the catalogue").doesNotContain("RSJ-0005");
    }

    @Test
    void anIndexOfACatalogueNoLongerInUseIsDropped() {
        search.open();
        Catalog fewer = new Catalog("fewer", BUNDLED.departments(), BUNDLED.themes(), BUNDLED.services().subList(0, 3), List.of());
        catalogue.set(fewer);
        indexBuilt();
        type("cxjmjb");
        assertThat(search.countProperty().get()).as("the bundled catalogue's index is not used").isZero();
        assertThat(search.stateProperty().get()).isEqualTo(State.READY);
    }

    @Test
    void anIndexThatCannotBeBuiltSendsTheVillagerToTheThemesAndIsTriedAgainNextTime() {
        int[] tries = {0};
        search = new SearchModel(catalogue, abilities, indexThread::add, fxThread::add, c -> {
            if (tries[0]++ == 0) {
                throw new IllegalStateException("the pinyin dictionary is missing");
            }
            return SearchIndex.of(c);
        });
        search.open();
        indexBuilt();
        assertThat(search.stateProperty().get()).isEqualTo(State.UNAVAILABLE);
        assertThat(search.promptProperty().get().key()).isEqualTo("search.unavailable");
        type("cxjmjb");
        assertThat(search.countProperty().get()).isZero();
        assertThat(search.noneFound()).as("unavailable is not 没有找到").isFalse();

        search.open();
        indexBuilt();
        assertThat(search.stateProperty().get()).isEqualTo(State.READY);
        type("cxjmjb");
        assertThat(search.countProperty().get()).isEqualTo(offered("cxjmjb", EVERYTHING).size()).isPositive();
    }

    // Through the flow //

    private KioskFlowModel flow() {
        FakeCounty county = new FakeCounty(TODAY);
        ManualScheduler timers = new ManualScheduler();
        IdentifyModel identify = new IdentifyModel(reader, Runnable::run, TODAY, IdentifyModel.CARD_WAIT,
                PhotoDecoder.placeholder());
        return new KioskFlowModel(BUNDLED, identify, new Session(), timers, EVERYTHING,
                (plan, card, s, finished) -> new ServiceRun(plan, new ServiceRun.Context(card, s.id(), county, ReceiptOut.NONE,
                        Runnable::run, timers, TODAY, s::holdForMoney, s::receiptPrinted, finished)));
    }

    @Test
    void aResultIsChosenAsFromAThemesListAndBackReturnsToTheResults() {
        KioskFlowModel flow = flow();
        flow.openSearch();
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.SEARCH);
        assertThat(flow.session().active()).as("搜索 begins a visit").isTrue();
        assertThat(flow.canGoBackProperty().get()).isTrue();
        SearchModel s = flow.search();
        for (char c : "ylbx".toCharArray()) {
            s.key(c);
        }
        s.nextPage();
        List<Service> page = List.copyOf(s.pageServicesProperty());
        Service chosen = page.get(0);
        flow.chooseService(chosen);
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.IDENTIFY);
        assertThat(flow.serviceProperty().get()).isEqualTo(chosen);

        flow.back();
        assertThat(flow.screenProperty().get()).as("返回 from identifying comes back to the results").isEqualTo(Screen.SEARCH);
        assertThat(s.lettersProperty().get()).isEqualTo("ylbx");
        assertThat(s.pageServicesProperty()).as("on the same page").containsExactlyElementsOf(page);
        assertThat(flow.serviceProperty().get()).isNull();

        flow.back();
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.HOME);
    }

    @Test
    void backFromTheFirstStepOfAServiceChosenThereReturnsToTheResults() {
        KioskFlowModel flow = flow();
        flow.openSearch();
        for (char c : "cxjmjb".toCharArray()) {
            flow.search().key(c);
        }
        Service chosen = flow.search().pageServicesProperty().get(0);
        flow.chooseService(chosen);
        reader.lastRead().complete(CardFixtures.RESIDENT.card());
        flow.useIdentity();
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.SERVICE);
        assertThat(flow.runProperty().get().plan().service()).isEqualTo(chosen);
        while (flow.screenProperty().get() == Screen.SERVICE) {
            flow.back();
        }
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.SEARCH);
        assertThat(flow.search().lettersProperty().get()).isEqualTo("cxjmjb");
    }

    @Test
    void aThemeOrHomeAfterASearchForgetsIt() {
        KioskFlowModel flow = flow();
        flow.openSearch();
        flow.home();
        flow.openTheme(BUNDLED.themes().get(0));
        Service s = flow.pageServicesProperty().get(0);
        flow.chooseService(s);
        flow.back();
        assertThat(flow.screenProperty().get()).as("chosen from a theme: back to the theme").isEqualTo(Screen.SERVICES);
    }
}
