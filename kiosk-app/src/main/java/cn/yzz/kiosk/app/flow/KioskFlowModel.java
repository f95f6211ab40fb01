package cn.yzz.kiosk.app.flow;

import cn.yzz.kiosk.app.catalogue.Catalogue;
import cn.yzz.kiosk.app.catalogue.Service;
import cn.yzz.kiosk.app.catalogue.Theme;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;

/**
 * The kiosk's top-level flow: home with the theme tiles, a theme's service list (paged, never
 * scrolled), and identification. Views bind to the read-only properties and call the commands.
 *
 * <p>Not thread-safe: use it on the JavaFX thread (or, in tests, on one thread).
 */
public final class KioskFlowModel {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.flow");

    /** Services per page of a theme's list; the same in both orientations, so paging is the model's business. */
    public static final int PAGE_SIZE = 6;

    public enum Screen { HOME, SERVICES, IDENTIFY }

    /**
     * Where 返回 or 首页 leads from the current screen.
     *
     * @param remindCard true when the villager will first be asked to take the card
     */
    public record Transition(Screen to, boolean remindCard) {}

    private final Catalogue catalogue;
    private final IdentifyModel identify;

    // Properties //

    private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(this, "screen", Screen.HOME);
    private final ReadOnlyObjectWrapper<Theme> theme = new ReadOnlyObjectWrapper<>(this, "theme");
    private final ReadOnlyObjectWrapper<Service> service = new ReadOnlyObjectWrapper<>(this, "service");
    private final ReadOnlyIntegerWrapper page = new ReadOnlyIntegerWrapper(this, "page", 0);
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(this, "pageCount", 0);
    private final ReadOnlyListWrapper<Service> pageServices =
            new ReadOnlyListWrapper<>(this, "pageServices", FXCollections.observableArrayList());
    private final ReadOnlyBooleanWrapper canGoBack = new ReadOnlyBooleanWrapper(this, "canGoBack", false);
    private final ReadOnlyBooleanWrapper hasPreviousPage = new ReadOnlyBooleanWrapper(this, "hasPreviousPage", false);
    private final ReadOnlyBooleanWrapper hasNextPage = new ReadOnlyBooleanWrapper(this, "hasNextPage", false);

    public KioskFlowModel(Catalogue catalogue, IdentifyModel identify) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.identify = Objects.requireNonNull(identify, "identify");
        identify.setOnGiveUp(() -> show(Screen.HOME));
        canGoBack.bind(screen.isNotEqualTo(Screen.HOME));
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public IdentifyModel identify() {
        return identify;
    }

    public ReadOnlyObjectProperty<Screen> screenProperty() {
        return screen.getReadOnlyProperty();
    }

    /** The theme whose services are listed (also while identifying for one of them); null at home. */
    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    /** The service being started; null when identifying from the home screen's 刷身份证. */
    public ReadOnlyObjectProperty<Service> serviceProperty() {
        return service.getReadOnlyProperty();
    }

    /** Zero-based page of the theme's service list. */
    public ReadOnlyIntegerProperty pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pageCountProperty() {
        return pageCount.getReadOnlyProperty();
    }

    /** The services on the current page, at most {@link #PAGE_SIZE}. */
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

    // Commands //

    public void openTheme(Theme t) {
        Objects.requireNonNull(t, "theme");
        leaveIdentify(() -> {
            theme.set(t);
            service.set(null);
            showPage(0);
            show(Screen.SERVICES);
        });
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

    /** A service was chosen from the list: identify the villager for it. */
    public void chooseService(Service s) {
        Objects.requireNonNull(s, "service");
        service.set(s);
        LOG.info(() -> "service chosen: " + s.id());
        show(Screen.IDENTIFY);
        identify.start();
    }

    /** The home screen's 刷身份证: identify first, choose later. */
    public void identifyFirst() {
        theme.set(null);
        service.set(null);
        show(Screen.IDENTIFY);
        identify.start();
    }

    /** Where 返回 leads from here. */
    public Transition backTransition() {
        return switch (screen.get()) {
            case HOME, SERVICES -> new Transition(Screen.HOME, false);
            case IDENTIFY -> new Transition(theme.get() != null ? Screen.SERVICES : Screen.HOME, identify.cardMayBeOnReader());
        };
    }

    /** Where 首页 leads from here. */
    public Transition homeTransition() {
        return new Transition(Screen.HOME, screen.get() == Screen.IDENTIFY && identify.cardMayBeOnReader());
    }

    public Transition back() {
        Transition t = backTransition();
        go(t);
        return t;
    }

    public Transition home() {
        Transition t = homeTransition();
        go(t);
        return t;
    }

    // Internals //

    private void go(Transition t) {
        if (identify.stepProperty().get() == IdentifyModel.Step.TAKE_CARD) {
            // Already reminding: a second tap goes on at once to where the villager was going.
            identify.dismissReminder();
            return;
        }
        leaveIdentify(() -> show(t.to()));
    }

    private void leaveIdentify(Runnable then) {
        if (screen.get() == Screen.IDENTIFY) {
            identify.leave(then);
        } else {
            then.run();
        }
    }

    private void show(Screen s) {
        switch (s) {
            case HOME -> {
                theme.set(null);
                service.set(null);
                showPage(0);
            }
            case SERVICES -> service.set(null);
            case IDENTIFY -> { }
        }
        screen.set(s);
    }

    private void showPage(int p) {
        Theme t = theme.get();
        List<Service> all = t == null ? List.of() : t.services();
        int pages = (all.size() + PAGE_SIZE - 1) / PAGE_SIZE;
        int clamped = Math.max(0, Math.min(p, Math.max(0, pages - 1)));
        pageCount.set(pages);
        page.set(clamped);
        pageServices.setAll(all.subList(Math.min(all.size(), clamped * PAGE_SIZE), Math.min(all.size(), (clamped + 1) * PAGE_SIZE)));
        hasPreviousPage.set(clamped > 0);
        hasNextPage.set(clamped < pages - 1);
    }
}
