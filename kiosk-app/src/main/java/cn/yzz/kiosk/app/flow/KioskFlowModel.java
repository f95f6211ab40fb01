package cn.yzz.kiosk.app.flow;

import cn.yzz.kiosk.app.search.SearchModel;
import cn.yzz.kiosk.app.service.Offer;
import cn.yzz.kiosk.app.service.Plan;
import cn.yzz.kiosk.app.service.ServiceRun;
import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.cache.catalog.Catalog;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.cache.catalog.Theme;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;

/**
 * A villager's path through the kiosk: home with the theme tiles, a theme's services (paged, never
 * scrolled, only those this kiosk can do now), identification, the service's run of steps
 * ({@link ServiceRun}, planned from its catalogue entry by {@link Offer}), and the end with its
 * reminders to take the card and the receipt. Views bind to the read-only properties and call the
 * commands; personal data lives in the {@link Session} and the run, which the end wipes.
 *
 * <p>Not thread-safe: use it on the JavaFX thread (or, in tests, on one thread).
 */
public final class KioskFlowModel {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.flow");

    /** Services per page of a theme's list. */
    public static final int PAGE_SIZE = 6;
    /** In elder mode the text is bigger, so fewer services fit on a page. */
    public static final int ELDER_PAGE_SIZE = 4;
    /** How long the end screen's reminders stay before home comes back by itself. */
    public static final Duration END_REMINDER = Duration.ofSeconds(10);

    /** STAFF and CONSENT are 帮办代办's: the staff's PIN screen, then the villager's consent with their own ID card. */
    public enum Screen { HOME, SERVICES, SEARCH, IDENTIFY, SERVICE, END, STAFF, CONSENT }

    /** Makes the run of a planned service for the identified villager; {@code finished} ends the visit. */
    @FunctionalInterface
    public interface RunFactory {
        ServiceRun make(Plan plan, Villager villager, Session session, Runnable finished);
    }

    private final ObjectProperty<Catalog> catalogue;
    private final IdentifyModel identify;
    private final Session session;
    private final Scheduler scheduler;
    private final SearchModel search;
    /** The service was chosen on the 搜索 screen: 返回 goes back there. */
    private boolean searching;
    private Runnable onSessionEnded = () -> { };

    // Properties //

    private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(this, "screen", Screen.HOME);
    private final ReadOnlyObjectWrapper<Theme> theme = new ReadOnlyObjectWrapper<>(this, "theme");
    private final ReadOnlyIntegerWrapper page = new ReadOnlyIntegerWrapper(this, "page", 0);
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(this, "pageCount", 0);
    private final ReadOnlyListWrapper<Service> pageServices =
            new ReadOnlyListWrapper<>(this, "pageServices", FXCollections.observableArrayList());
    private final ReadOnlyBooleanWrapper canGoBack = new ReadOnlyBooleanWrapper(this, "canGoBack", false);
    private final ReadOnlyBooleanWrapper hasPreviousPage = new ReadOnlyBooleanWrapper(this, "hasPreviousPage", false);
    private final ReadOnlyBooleanWrapper hasNextPage = new ReadOnlyBooleanWrapper(this, "hasNextPage", false);
    private final ReadOnlyBooleanWrapper remindCard = new ReadOnlyBooleanWrapper(this, "remindCard", false);
    private final ReadOnlyBooleanWrapper remindReceipt = new ReadOnlyBooleanWrapper(this, "remindReceipt", false);
    private final ReadOnlyListWrapper<String> remindLeft =
            new ReadOnlyListWrapper<>(this, "remindLeft", FXCollections.observableArrayList());
    private final ReadOnlyBooleanWrapper remindSsCard = new ReadOnlyBooleanWrapper(this, "remindSsCard", false);
    private final javafx.beans.property.BooleanProperty covered = new javafx.beans.property.SimpleBooleanProperty(this, "covered");
    private final ObjectProperty<Abilities> abilities;
    private final IntegerProperty pageSize = new SimpleIntegerProperty(this, "pageSize", PAGE_SIZE);
    private final ReadOnlyObjectWrapper<ServiceRun> run = new ReadOnlyObjectWrapper<>(this, "run");
    private final ReadOnlyObjectWrapper<Prompt> runPrompt = new ReadOnlyObjectWrapper<>(this, "runPrompt");
    private final RunFactory runs;
    /** The run's 返回-ability, followed through whichever run is current. */
    private final javafx.beans.property.BooleanProperty backableOfRun = new javafx.beans.property.SimpleBooleanProperty(this, "backableOfRun");

    private Scheduler.Cancellable endTimer;

    /** As below, the 搜索 screen's index built on the calling thread (tests). */
    public KioskFlowModel(Catalog catalogue, IdentifyModel identify, Session session, Scheduler scheduler,
                          Abilities initial, RunFactory runs) {
        this(catalogue, identify, session, scheduler, initial, runs, Runnable::run, Runnable::run);
    }

    /**
     * @param searchIndexing where the 搜索 screen's index is built: off the JavaFX thread
     * @param fx             hands the built index back to the JavaFX thread
     */
    public KioskFlowModel(Catalog catalogue, IdentifyModel identify, Session session, Scheduler scheduler,
                          Abilities initial, RunFactory runs, Executor searchIndexing, Executor fx) {
        this.catalogue = new SimpleObjectProperty<>(this, "catalogue", Objects.requireNonNull(catalogue, "catalogue"));
        this.identify = Objects.requireNonNull(identify, "identify");
        this.session = Objects.requireNonNull(session, "session");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.abilities = new SimpleObjectProperty<>(this, "abilities", Objects.requireNonNull(initial, "abilities"));
        this.search = new SearchModel(this.catalogue, abilities, searchIndexing, fx);
        canGoBack.bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> screen.get() != Screen.HOME
                && (screen.get() != Screen.SERVICE || run.get() == null || backableOfRun.get()), // read through the dependency, so it stays valid and keeps telling
                screen, run, backableOfRun));
        abilities.addListener((o, was, now) -> showPage(page.get()));
        this.catalogue.addListener((o, was, now) -> showPage(page.get()));
        pageSize.addListener((o, was, now) -> showPage(0));
        identify.abilitiesProperty().bind(abilities);
        // At home, before anyone is identified, a 粤省事码 shown to the scanner identifies first.
        javafx.beans.value.ChangeListener<Object> atHome = (o, was, now) -> identify.watchAtHome(
                screen.get() == Screen.HOME && session.personProperty().get() == null ? this::codeShownAtHome : null);
        screen.addListener(atHome);
        session.personProperty().addListener(atHome);
        atHome.changed(screen, null, null);
        run.addListener((o, was, now) -> {
            if (now != null) {
                runPrompt.bind(now.promptProperty());
                backableOfRun.bind(now.backableProperty());
            } else {
                runPrompt.unbind();
                runPrompt.set(null);
                backableOfRun.unbind();
                backableOfRun.set(false);
            }
        });
    }

    /** Runs when a visit is over and home is shown again (the shell resets language and mode). */
    public void setOnSessionEnded(Runnable r) {
        onSessionEnded = Objects.requireNonNull(r, "onSessionEnded");
    }

    public Catalog catalogue() {
        return catalogue.get();
    }

    /** The catalogue in use: the bundled one, or the county's last good one; it may change while the kiosk runs. */
    public ObjectProperty<Catalog> catalogueProperty() {
        return catalogue;
    }

    /** The run of the service being done, on the service screen; null elsewhere. */
    public ReadOnlyObjectProperty<ServiceRun> runProperty() {
        return run.getReadOnlyProperty();
    }

    /** What the run's current step says. */
    public ReadOnlyObjectProperty<Prompt> runPromptProperty() {
        return runPrompt.getReadOnlyProperty();
    }

    public IdentifyModel identify() {
        return identify;
    }

    /** The 搜索 screen's letters and results. */
    public SearchModel search() {
        return search;
    }

    public Session session() {
        return session;
    }

    public ReadOnlyObjectProperty<Screen> screenProperty() {
        return screen.getReadOnlyProperty();
    }

    /** The theme whose services are listed (also while identifying for one of them); null at home. */
    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    /** The service being done; null until one is chosen. */
    public ReadOnlyObjectProperty<Service> serviceProperty() {
        return session.serviceProperty();
    }

    /** What the kiosk can do now; the device watch and (later) the sync engine set it. */
    public ObjectProperty<Abilities> abilitiesProperty() {
        return abilities;
    }

    /** Services per page: {@link #PAGE_SIZE}, or {@link #ELDER_PAGE_SIZE} in elder mode. */
    public IntegerProperty pageSizeProperty() {
        return pageSize;
    }

    /** Zero-based page of the theme's service list. */
    public ReadOnlyIntegerProperty pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pageCountProperty() {
        return pageCount.getReadOnlyProperty();
    }

    /** The services on the current page, at most the page size. */
    public ReadOnlyListProperty<Service> pageServicesProperty() {
        return pageServices.getReadOnlyProperty();
    }

    /** False on the home screen, where 返回 and 首页 have nowhere to go. */
    public ReadOnlyBooleanProperty canGoBackProperty() {
        return canGoBack.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasPreviousPageProperty() {
        return hasPreviousPage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasNextPageProperty() {
        return hasNextPage.getReadOnlyProperty();
    }

    /** On the end screen: "请取走您的身份证". */
    public ReadOnlyBooleanProperty remindCardProperty() {
        return remindCard.getReadOnlyProperty();
    }

    /** On the end screen: "请取走您的社保卡". */
    public ReadOnlyBooleanProperty remindSsCardProperty() {
        return remindSsCard.getReadOnlyProperty();
    }

    /** True while the shell covers the screen (help, the idle warning, out of service): a code shown at home starts nothing. */
    public javafx.beans.property.BooleanProperty coveredProperty() {
        return covered;
    }

    /** On the end screen: "请取走凭条". */
    public ReadOnlyBooleanProperty remindReceiptProperty() {
        return remindReceipt.getReadOnlyProperty();
    }

    /** On the end screen: a 一件事 bundle left half way, the steps not done (the done ones are kept). */
    public ReadOnlyListProperty<String> remindLeftProperty() {
        return remindLeft.getReadOnlyProperty();
    }

    /** The services of {@code t} this kiosk can do now, in catalogue order. */
    public List<Service> offerable(Theme t) {
        Abilities a = abilities.get();
        return catalogue.get().servicesOf(t.id()).stream().filter(s -> plan(s, a).offered()).toList();
    }

    // Commands //

    public void openTheme(Theme t) {
        Objects.requireNonNull(t, "theme");
        session.begin();
        searching = false;
        theme.set(t);
        session.choose(null);
        showPage(0);
        show(Screen.SERVICES);
    }

    /** The home screen's 搜索: the A–Z keypad, empty. */
    public void openSearch() {
        session.begin();
        searching = true;
        theme.set(null);
        session.choose(null);
        search.open();
        show(Screen.SEARCH);
    }

    public void nextPage() {
        if (hasNextPage.get()) {
            showPage(page.get() + 1);
        }
    }

    public void previousPage() {
        if (hasPreviousPage.get()) {
            showPage(page.get() - 1);
        }
    }

    /** A service was chosen from the list: identify the villager for it, unless they already are; then its run. */
    public void chooseService(Service s) {
        Objects.requireNonNull(s, "service");
        Offer.Result offer = plan(s, abilities.get());
        if (!offer.offered()) {
            LOG.info(() -> "service " + s.code() + " no longer offered: " + offer.whyNot());
            showPage(page.get());
            return;
        }
        session.choose(s);
        LOG.info(() -> "service chosen: " + s.code());
        Villager known = session.villager();
        if (!offer.plan().needsPerson() || known != null && offer.plan().identities().contains(known.how())) {
            startRun(offer.plan());
        } else {
            identify.start(s.identity());
            show(Screen.IDENTIFY);
        }
    }

    /** The home screen's 刷身份证: identify first, choose the service after. */
    public void identifyFirst() {
        session.begin();
        searching = false;
        theme.set(null);
        session.choose(null);
        identify.start();
        show(Screen.IDENTIFY);
    }

    /** The card was read and is fine: the session takes the identity, and the villager goes on. */
    public void useIdentity() {
        MaskedIdentity person = identify.identityProperty().get();
        if (identify.stepProperty().get() != IdentifyModel.Step.DONE || person == null || !person.canContinue()) {
            return;
        }
        session.identified(identify.villagerProperty().get(), person);
        Service chosen = session.serviceProperty().get();
        if (chosen == null) {
            showPage(0);
            show(Screen.HOME);
            return;
        }
        Offer.Result offer = plan(chosen, abilities.get());
        if (offer.offered()) {
            startRun(offer.plan());
        } else {
            LOG.info(() -> "service " + chosen.code() + " no longer offered: " + offer.whyNot());
            session.choose(null);
            show(listScreen());
        }
    }

    /**
     * 帮办代办: the staff's sign-in screen (the title held at home). Only before anyone is identified, so a visit under
     * way is never turned into an assisted one; it begins a visit, so the idle watch closes an abandoned screen.
     */
    public void openStaff() {
        if (screen.get() != Screen.HOME || session.personProperty().get() != null || session.cardMayBeOnReader()) {
            return;
        }
        session.begin();
        theme.set(null);
        session.choose(null);
        show(Screen.STAFF);
    }

    /** A staff member signed in (the session says who): the villager is asked to consent by placing their own ID card. */
    public void askConsent() {
        if (screen.get() == Screen.STAFF && session.assistant() != null) {
            identify.start();
            show(Screen.CONSENT);
        }
    }

    /** 返回: one step back; from the first step of a service, its list; from the end screen, home. */
    public void back() {
        switch (screen.get()) {
            case HOME -> { }
            case SERVICES -> show(Screen.HOME);
            case SEARCH -> {
                searching = false;
                show(Screen.HOME);
            }
            case SERVICE -> {
                ServiceRun r = run.get();
                if (r != null && r.back() != ServiceRun.Back.AT_START) {
                    return; // moved back within the service, or the step holds the villager (money)
                }
                if (r != null && r.anyPartDone()) {
                    end(); // a bundle left half way: what was done is kept, and the end screen says what is left
                    return;
                }
                stopRun();
                session.choose(null);
                show(listScreen());
            }
            case IDENTIFY -> {
                session.choose(null);
                show(listScreen());
            }
            case END -> dismissEnd();
            case STAFF, CONSENT -> end(); // no assisted mode without the villager's consent: the visit ends
        }
    }

    /** 首页: home; if a card was placed or the villager identified, the visit ends first, with its reminders. */
    public void home() {
        if (screen.get() == Screen.END) {
            dismissEnd();
            return;
        }
        if (run.get() != null && !run.get().canLeave()) {
            return; // a payment is open: the pay screen's 取消支付 comes first
        }
        if (session.personProperty().get() != null || session.cardMayBeOnReader() || identify.cardMayBeOnReader()
                || session.assistant() != null || screen.get() == Screen.STAFF
                || session.ssCardMayBeInReader() || identify.ssCardMayBeInReader()) {
            end();
            return;
        }
        theme.set(null);
        searching = false;
        session.choose(null);
        show(Screen.HOME);
    }

    /**
     * Ends the visit now: the end screen reminds the villager to take the card or the receipt (if
     * there is one), or home comes back at once; personal data is wiped in the same step, before
     * anything is drawn.
     */
    public void end() {
        boolean card = session.cardMayBeOnReader() || identify.cardMayBeOnReader();
        boolean ssCard = session.ssCardMayBeInReader() || identify.ssCardMayBeInReader();
        boolean receipt = session.receiptWasPrinted();
        List<String> left = run.get() != null && run.get().anyPartDone() ? run.get().leftUndone() : List.of();
        theme.set(null);
        searching = false;
        showPage(0);
        cancelEndTimer();
        stopRun();
        if (card || ssCard || receipt || !left.isEmpty()) {
            remindCard.set(card);
            remindSsCard.set(ssCard);
            remindReceipt.set(receipt);
            remindLeft.setAll(left);
            show(Screen.END);
            endTimer = scheduler.after(END_REMINDER, this::dismissEnd);
        } else {
            show(Screen.HOME);
        }
        identify.cancel();
        session.wipe();
        if (screen.get() == Screen.HOME) {
            onSessionEnded.run();
        }
    }

    /** The end screen's 完成 (or its time ran out): home. */
    public void dismissEnd() {
        if (screen.get() != Screen.END) {
            return;
        }
        cancelEndTimer();
        show(Screen.HOME);
        remindCard.set(false);
        remindSsCard.set(false);
        remindReceipt.set(false);
        remindLeft.clear();
        onSessionEnded.run();
    }

    // Internals //

    /** How {@code s} would go here now; a bundle's steps are looked up in the catalogue in use. */
    private Offer.Result plan(Service s, Abilities a) {
        Catalog c = catalogue.get();
        return Offer.plan(s, a, c::service);
    }

    private void startRun(Plan plan) {
        stopRun();
        ServiceRun r = runs.make(plan, session.villager(), session, this::end);
        run.set(r);
        r.start(); // first, so the service screen appears with its first step (and says only that)
        show(Screen.SERVICE);
    }

    /** Where 返回 from a chosen service goes: the search, the theme's list, or home. */
    private Screen listScreen() {
        return searching ? Screen.SEARCH : theme.get() != null ? Screen.SERVICES : Screen.HOME;
    }

    private void stopRun() {
        ServiceRun r = run.get();
        if (r != null) {
            r.end();
            run.set(null);
        }
    }

    /**
     * Shows {@code s}. The screen changes before the identify flow is stopped, so that nothing
     * (the voice, above all) ever sees the identify screen in a half-stopped state.
     */
    private void show(Screen s) {
        boolean leavingIdentify = (screen.get() == Screen.IDENTIFY || screen.get() == Screen.CONSENT) && s != screen.get();
        if (leavingIdentify && identify.cardMayBeOnReader()) {
            session.cardPlaced();
        }
        if (leavingIdentify && identify.ssCardMayBeInReader()) {
            session.ssCardInserted();
        }
        screen.set(s);
        if (leavingIdentify) {
            identify.cancel();
        }
    }

    /** A 粤省事码 was shown at home: identify first, unless something covers home or someone is identified already. */
    private boolean codeShownAtHome() {
        if (screen.get() != Screen.HOME || session.personProperty().get() != null || covered.get()) {
            return false;
        }
        identifyFirst();
        return true;
    }

    private void cancelEndTimer() {
        if (endTimer != null) {
            endTimer.cancel();
            endTimer = null;
        }
    }

    private void showPage(int p) {
        Theme t = theme.get();
        List<Service> all = t == null ? List.of() : offerable(t);
        int size = pageSize.get();
        int pages = (all.size() + size - 1) / size;
        int clamped = Math.max(0, Math.min(p, Math.max(0, pages - 1)));
        pageCount.set(pages);
        page.set(clamped);
        pageServices.setAll(all.subList(Math.min(all.size(), clamped * size), Math.min(all.size(), (clamped + 1) * size)));
        hasPreviousPage.set(clamped > 0);
        hasNextPage.set(clamped < pages - 1);
    }
}
