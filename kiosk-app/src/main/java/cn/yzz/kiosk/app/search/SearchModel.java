package cn.yzz.kiosk.app.search;

import cn.yzz.kiosk.app.flow.Abilities;
import cn.yzz.kiosk.app.service.Offer;
import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.cache.catalog.Catalog;
import cn.yzz.kiosk.cache.catalog.Service;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;

/**
 * The 搜索 screen: letters typed on the A–Z keypad, the services they find that this kiosk can do now
 * ({@link Offer#offered}, as a theme's list), a page at a time. The index is built on {@code indexing}
 * (never the JavaFX thread: the pinyin dictionary takes a moment to load) the first time the screen
 * opens, and again whenever the catalogue changes after that (SearchBench, 1,000 services: 0.2 s cold,
 * the dictionary's load included). A search itself runs on the JavaFX thread, so results follow each tap
 * at once with nothing to go stale: with 1,000 services it takes a quarter of a millisecond (p50; p99 0.5–3 ms
 * on a busy two-core machine), a small share of a 16 ms frame. A service is chosen with the flow's {@code chooseService}, as from a theme's list.
 *
 * <p>Use on the JavaFX thread (in tests, on one thread).
 */
public final class SearchModel {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.search");

    /** Results a page: fewer than a theme's list, since the keypad shares the screen. */
    public static final int PAGE_SIZE = 4;
    /** In elder mode the text is bigger, so fewer results fit a page. */
    public static final int ELDER_PAGE_SIZE = 3;
    /** Letters the field holds; more are not taken (no service name has as many initials worth typing). */
    public static final int MAX_LETTERS = 10;

    public enum State {
        /** The index for the current catalogue is being built; results come when it is ready. */
        PREPARING,
        READY,
        /** The index could not be built (logged); the villager is sent to the themes. */
        UNAVAILABLE
    }

    private final ObservableValue<Catalog> catalogue;
    private final ObservableValue<Abilities> abilities;
    private final Executor indexing;
    private final Executor fx;
    private final Function<Catalog, SearchIndex> indexer;

    private SearchIndex index = SearchIndex.EMPTY;
    /** The catalogue {@link #index} was built for; null before the screen first opened. */
    private Catalog indexed;
    /** The catalogue an index is being built for, or null. */
    private Catalog building;
    private List<Service> found = List.of();
    /** Whether the kiosk can do a service now, asked of {@link Offer} once per service and abilities, not on every tap. */
    private final Map<Service, Boolean> offered = new IdentityHashMap<>();

    // Properties //

    private final ReadOnlyStringWrapper letters = new ReadOnlyStringWrapper(this, "letters", "");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.PREPARING);
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper(this, "count", 0);
    private final ReadOnlyBooleanWrapper notOfferedHere = new ReadOnlyBooleanWrapper(this, "notOfferedHere", false);
    private final ReadOnlyIntegerWrapper page = new ReadOnlyIntegerWrapper(this, "page", 0);
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(this, "pageCount", 0);
    private final ReadOnlyListWrapper<Service> pageServices =
            new ReadOnlyListWrapper<>(this, "pageServices", FXCollections.observableArrayList());
    private final ReadOnlyBooleanWrapper hasPreviousPage = new ReadOnlyBooleanWrapper(this, "hasPreviousPage", false);
    private final ReadOnlyBooleanWrapper hasNextPage = new ReadOnlyBooleanWrapper(this, "hasNextPage", false);
    private final IntegerProperty pageSize = new SimpleIntegerProperty(this, "pageSize", PAGE_SIZE);
    private final ReadOnlyObjectWrapper<Prompt> prompt = new ReadOnlyObjectWrapper<>(this, "prompt", Prompt.of("search"));

    /**
     * @param catalogue the kiosk's catalogue, which may change while it runs
     * @param abilities what the kiosk can do now
     * @param indexing  where the index is built (a background thread)
     * @param fx        hands the built index back to the thread this model lives on
     */
    public SearchModel(ObservableValue<Catalog> catalogue, ObservableValue<Abilities> abilities, Executor indexing, Executor fx) {
        this(catalogue, abilities, indexing, fx, SearchIndex::of);
    }

    /** With {@code indexer} standing in for {@link SearchIndex#of} (tests: an index that cannot be built). */
    SearchModel(ObservableValue<Catalog> catalogue, ObservableValue<Abilities> abilities, Executor indexing, Executor fx,
                Function<Catalog, SearchIndex> indexer) {
        this.indexer = Objects.requireNonNull(indexer, "indexer");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.abilities = Objects.requireNonNull(abilities, "abilities");
        this.indexing = Objects.requireNonNull(indexing, "indexing");
        this.fx = Objects.requireNonNull(fx, "fx");
        catalogue.addListener((o, was, now) -> {
            if (indexed != null || building != null) {
                buildIndex(); // the screen has been used: keep its index current
            }
        });
        abilities.addListener((o, was, now) -> {
            offered.clear();
            search(page.get());
        });
        pageSize.addListener((o, was, now) -> showPage(0));
    }

    /** The letters typed, in lower case ("ylbx"); the view shows them in capitals. */
    public ReadOnlyStringProperty lettersProperty() {
        return letters.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** How many services the letters find that the kiosk can do now. */
    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /**
     * True when the letters find services but this kiosk can do none of them now (one that needs a camera, say, or the line is down):
     * the screen says so rather than 没有找到, which would send the villager to check letters that were right.
     */
    public ReadOnlyBooleanProperty notOfferedHereProperty() {
        return notOfferedHere.getReadOnlyProperty();
    }

    /** Zero-based page of the results. */
    public ReadOnlyIntegerProperty pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pageCountProperty() {
        return pageCount.getReadOnlyProperty();
    }

    /** The results on the current page, best first; at most the page size. */
    public ReadOnlyListProperty<Service> pageServicesProperty() {
        return pageServices.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasPreviousPageProperty() {
        return hasPreviousPage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasNextPageProperty() {
        return hasNextPage.getReadOnlyProperty();
    }

    /** Results a page: {@link #PAGE_SIZE}, or {@link #ELDER_PAGE_SIZE} in elder mode (the shell sets it). */
    public IntegerProperty pageSizeProperty() {
        return pageSize;
    }

    /** What the kiosk says on this screen: how to type, or that nothing was found, or to choose. */
    public ReadOnlyObjectProperty<Prompt> promptProperty() {
        return prompt.getReadOnlyProperty();
    }

    /** True when letters were typed, the index is ready, and nothing this kiosk can do was found. */
    public boolean noneFound() {
        return state.get() == State.READY && !letters.get().isEmpty() && count.get() == 0;
    }

    // Commands //

    /** The screen opens: an empty field, and the index built if it is not yet. */
    public void open() {
        letters.set("");
        if (indexed != catalogue.getValue() && building != catalogue.getValue()) {
            buildIndex();
        }
        search(0);
    }

    /** A letter key: {@code a}–{@code z} in either case; anything else, or a full field, is ignored. */
    public void key(char c) {
        char l = Character.toLowerCase(c);
        if (l < 'a' || l > 'z' || letters.get().length() >= MAX_LETTERS) {
            return;
        }
        letters.set(letters.get() + l);
        search(0);
    }

    /** 删除: the last letter. */
    public void delete() {
        String s = letters.get();
        if (!s.isEmpty()) {
            letters.set(s.substring(0, s.length() - 1));
            search(0);
        }
    }

    /** 清空: every letter. */
    public void clear() {
        if (!letters.get().isEmpty()) {
            letters.set("");
            search(0);
        }
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

    /**
     * The executor the kiosk builds the index on: one daemon thread, {@code kiosk-search-index}, that exists only
     * while there is an index to build (the first time the screen opens, and when the county's catalogue changes).
     */
    public static Executor indexingThread() {
        java.util.concurrent.ThreadPoolExecutor e = new java.util.concurrent.ThreadPoolExecutor(0, 1, 10,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "kiosk-search-index");
                    t.setDaemon(true);
                    return t;
                });
        return e;
    }

    // Internals //

    private void buildIndex() {
        Catalog c = catalogue.getValue();
        building = c;
        if (indexed == null) { // a new catalogue's index replaces the old one when it is ready; until then the old one serves
            state.set(State.PREPARING);
            search(0);
        }
        indexing.execute(() -> {
            SearchIndex built;
            try {
                long t0 = System.nanoTime();
                built = indexer.apply(c);
                LOG.info(() -> "search index of catalogue " + c.version() + ": " + c.services().size() + " services in "
                        + (System.nanoTime() - t0) / 1_000_000 + " ms");
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.SEVERE, "cannot build the search index; the 搜索 screen sends villagers to the themes", e);
                built = null;
            }
            SearchIndex result = built;
            fx.execute(() -> indexBuilt(c, result));
        });
    }

    private void indexBuilt(Catalog c, SearchIndex built) {
        if (building != c) {
            return; // a newer catalogue came meanwhile; its own index is on the way
        }
        building = null;
        if (built == null) {
            index = SearchIndex.EMPTY;
            indexed = null;
            state.set(State.UNAVAILABLE);
        } else {
            index = built;
            indexed = c;
            offered.clear();
            state.set(State.READY);
        }
        search(page.get());
    }

    private void search(int p) {
        Abilities a = abilities.getValue();
        List<Service> matched = state.get() == State.READY ? index.find(letters.get()) : List.of();
        Catalog c = catalogue.getValue();
        // A bundle's steps are looked up in the catalogue, as the theme lists do.
        found = matched.stream().filter(s -> offered.computeIfAbsent(s, x -> Offer.offered(x, a, c::service))).toList();
        count.set(found.size());
        notOfferedHere.set(found.isEmpty() && !matched.isEmpty());
        showPage(p);
        prompt.set(promptNow());
    }

    private Prompt promptNow() {
        if (state.get() == State.UNAVAILABLE) {
            return Prompt.of("search.unavailable");
        }
        if (noneFound()) {
            return Prompt.of(notOfferedHere.get() ? "search.none.here" : "search.none");
        }
        return count.get() > 0 ? Prompt.of("search.found") : Prompt.of("search");
    }

    private void showPage(int p) {
        int size = pageSize.get();
        int pages = (found.size() + size - 1) / size;
        int clamped = Math.max(0, Math.min(p, Math.max(0, pages - 1)));
        pageCount.set(pages);
        page.set(clamped);
        List<Service> shown = found.subList(Math.min(found.size(), clamped * size), Math.min(found.size(), (clamped + 1) * size));
        if (!shown.equals(pageServices)) { // the same page again (another letter, the same best results) is not drawn again
            pageServices.setAll(shown);
        }
        hasPreviousPage.set(clamped > 0);
        hasNextPage.set(clamped < pages - 1);
    }
}
