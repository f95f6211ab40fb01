package cn.yzz.kiosk.app.search;

import cn.yzz.kiosk.cache.catalog.Catalog;
import cn.yzz.kiosk.cache.catalog.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The catalogue's services by the letters a villager can type on the 搜索 keypad. A service is found by
 * <ul>
 * <li>the pinyin initials of its name, from the start ({@code sbcx} → 社保查询) or as a run inside them
 *     ({@code ylbx} → 城乡居民养老保险待遇领取资格认证, "cxjm<b>ylbx</b>dylqzgrz"), a run only from two letters on,
 *     since one letter is somewhere in nearly every name;</li>
 * <li>the start of its name's whole pinyin ({@code shebao} → 社保查询);</li>
 * <li>its keywords: the start of a Chinese keyword's whole pinyin or initials ({@code yanglao}, {@code yl} → 养老),
 *     or the start of a keyword written in latin letters ({@code cxjm} → "cxjmyl").</li>
 * </ul>
 * Found services come in three ranks, exact (the letters are all of the initials or of a keyword), from the
 * start, inside; within a rank the shorter name first, then catalogue order.
 *
 * <p>{@link #of} reads every name's pinyin and is slow (the pinyin dictionary loads the first time): build it off
 * the JavaFX thread. {@link #find} is fast and the index never changes, so it can be used from any thread.
 */
public final class SearchIndex {

    /** No services: what there is while the first index is being built. */
    public static final SearchIndex EMPTY = new SearchIndex(List.of());

    private static final int EXACT = 0;
    private static final int PREFIX = 1;
    private static final int WITHIN = 2;
    private static final int NONE = 3;

    /** What one service can be found by, all in the letters a to z. */
    private record Entry(Service service, int order, String initials, String full, List<String> keywords) {}

    private record Hit(Entry entry, int rank) {}

    private static final Comparator<Hit> RANKED = Comparator.comparingInt(Hit::rank)
            .thenComparingInt(h -> h.entry().service().name().length())
            .thenComparingInt(h -> h.entry().order());

    private final List<Entry> entries;

    private SearchIndex(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Reads the pinyin of every service of {@code catalogue}. Slow: not on the JavaFX thread. */
    public static SearchIndex of(Catalog catalogue) {
        Objects.requireNonNull(catalogue, "catalogue");
        List<Entry> entries = new ArrayList<>(catalogue.services().size());
        int order = 0;
        for (Service s : catalogue.services()) {
            Set<String> keywords = new LinkedHashSet<>();
            for (String k : s.keywords()) {
                if (Pinyin.hasHan(k)) {
                    keywords.add(Pinyin.full(k));
                    keywords.add(Pinyin.initials(k));
                } else {
                    keywords.add(Pinyin.letters(k)); // already latin: "cxjmyl"
                }
            }
            keywords.remove("");
            entries.add(new Entry(s, order++, Pinyin.initials(s.name()), Pinyin.full(s.name()), List.copyOf(keywords)));
        }
        return new SearchIndex(entries);
    }

    /** How many services the index holds. */
    public int size() {
        return entries.size();
    }

    /**
     * The services {@code typed} finds, best first. Only the letters a–z of {@code typed} count (in either
     * case); with none, nothing is found.
     */
    public List<Service> find(String typed) {
        String q = Pinyin.letters(typed);
        if (q.isEmpty()) {
            return List.of();
        }
        List<Hit> hits = new ArrayList<>();
        for (Entry e : entries) {
            int r = rank(e, q);
            if (r != NONE) {
                hits.add(new Hit(e, r));
            }
        }
        hits.sort(RANKED);
        List<Service> out = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            out.add(h.entry().service());
        }
        return out;
    }

    /** The pinyin initials of a service's name, as the index reads them (tests, and the administrator's checks). */
    public static String initialsOf(String name) {
        return Pinyin.initials(name);
    }

    private static int rank(Entry e, String q) {
        if (e.initials().equals(q) || e.full().equals(q) || e.keywords().contains(q)) {
            return EXACT;
        }
        if (e.initials().startsWith(q) || e.full().startsWith(q)) {
            return PREFIX;
        }
        for (String k : e.keywords()) {
            if (k.startsWith(q)) {
                return PREFIX;
            }
        }
        return q.length() >= 2 && e.initials().contains(q) ? WITHIN : NONE;
    }
}
