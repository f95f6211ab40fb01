package cn.yzz.kiosk.app.flow;

import cn.yzz.kiosk.app.assist.StaffMember;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.device.idcard.IdCard;
import java.util.Objects;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One villager's visit: who they are (once identified) and the service in progress. It is the one
 * place a flow keeps personal data, so that {@link #wipe()} can forget all of it when the visit
 * ends, and the views, which bind to it, show nothing of it afterwards.
 *
 * <p>Use on the JavaFX thread.
 */
public final class Session {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.session");

    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active", false);
    private final ReadOnlyObjectWrapper<MaskedIdentity> person = new ReadOnlyObjectWrapper<>(this, "person");
    private final ReadOnlyObjectWrapper<Service> service = new ReadOnlyObjectWrapper<>(this, "service");
    private Villager villager;
    private final ReadOnlyObjectWrapper<StaffMember> assistant = new ReadOnlyObjectWrapper<>(this, "assistant");
    private boolean cardOnReader;
    private boolean ssCardInReader;
    private boolean receiptPrinted;
    private final ReadOnlyBooleanWrapper takingMoney = new ReadOnlyBooleanWrapper(this, "takingMoney", false);
    private int moneyHolds;
    private long number;
    private String id = "";

    /** Starts a visit if none is under way (the first touch, or a card placed at home). */
    public void begin() {
        if (!active.get()) {
            number++;
            id = java.util.UUID.randomUUID().toString();
            active.set(true);
            LOG.info(() -> "session " + number + " begins");
        }
    }

    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    public boolean active() {
        return active.get();
    }

    /** The visit's id, sent with its transactions ({@code sessionId}); new at each {@link #begin()}. */
    public String id() {
        return id;
    }

    /** The villager as the screen may show them (masked); null until identified. */
    public ReadOnlyObjectProperty<MaskedIdentity> personProperty() {
        return person.getReadOnlyProperty();
    }

    /** The service chosen; null until one is. */
    public ReadOnlyObjectProperty<Service> serviceProperty() {
        return service.getReadOnlyProperty();
    }

    /** Who the visit serves and how they proved it, for the service flows (never shown as it is); null until identified. */
    public Villager villager() {
        return villager;
    }

    /**
     * 帮办代办: the staff member doing this visit's services for the villager (signed in on the staff screen); null when
     * the villager does them alone. It belongs to the visit: {@link #wipe()} ends it. Never the villager's {@code person}.
     */
    public ReadOnlyObjectProperty<StaffMember> assistantProperty() {
        return assistant.getReadOnlyProperty();
    }

    public StaffMember assistant() {
        return assistant.get();
    }

    /** A staff member signed in to do this visit's services for the villager (帮办代办); logged for the administrator's audit. */
    public void assistedBy(StaffMember staff) {
        begin();
        assistant.set(Objects.requireNonNull(staff, "staff"));
        LOG.info(() -> "session " + number + ": assisted mode starts, " + staff); // StaffMember.toString is masked
    }

    /** The ID card they identified with; null until identified, or when they used another way. */
    public IdCard card() {
        return villager == null ? null : villager.card();
    }

    public void identified(Villager villager, MaskedIdentity person) {
        begin();
        this.villager = Objects.requireNonNull(villager, "villager");
        this.person.set(Objects.requireNonNull(person, "person"));
        cardOnReader |= villager.how() == cn.yzz.kiosk.cache.catalog.Identity.IDCARD;
        ssCardInReader |= villager.how() == cn.yzz.kiosk.cache.catalog.Identity.SSCARD;
    }

    /** The service chosen, or null when the villager goes back to choosing. */
    public void choose(Service s) {
        if (s != null) {
            begin();
        }
        service.set(s);
    }

    /** A card was placed during the visit (read or not), so the end reminds the villager to take it. */
    public void cardPlaced() {
        cardOnReader = true;
    }

    /** Whether their ID card may still be on the reader. */
    public boolean cardMayBeOnReader() {
        return cardOnReader;
    }

    /** A social security card went into the slot during the visit (read or not), so the end reminds the villager to take it. */
    public void ssCardInserted() {
        ssCardInReader = true;
    }

    /** Whether their social security card may still be in the slot. */
    public boolean ssCardMayBeInReader() {
        return ssCardInReader;
    }

    /** A receipt came out of the printer, so the end reminds the villager to take it. */
    public void receiptPrinted() {
        receiptPrinted = true;
    }

    public boolean receiptWasPrinted() {
        return receiptPrinted;
    }

    /**
     * Money is being taken: the idle watch must not end the visit until the returned hold is
     * released (a villager feeding banknotes is not idle, and a payment is never abandoned half way).
     */
    public Runnable holdForMoney() {
        moneyHolds++;
        takingMoney.set(true);
        boolean[] released = {false};
        return () -> {
            if (!released[0]) {
                released[0] = true;
                moneyHolds--;
                takingMoney.set(moneyHolds > 0);
            }
        };
    }

    public boolean takingMoney() {
        return moneyHolds > 0;
    }

    /** True while money is being taken: 返回 and 首页 wait, the idle watch never ends the visit. */
    public ReadOnlyBooleanProperty takingMoneyProperty() {
        return takingMoney.getReadOnlyProperty();
    }

    /** Forgets everything about the visit. Money holds survive: a payment under way is never forgotten. */
    public void wipe() {
        boolean was = active.get();
        StaffMember helper = assistant.get();
        if (helper != null) {
            LOG.info(() -> "session " + number + ": assisted mode ends, " + helper);
        }
        assistant.set(null); // the mode belongs to the visit: it ends here, whatever ended the visit
        villager = null;
        person.set(null);
        service.set(null);
        cardOnReader = false;
        ssCardInReader = false;
        receiptPrinted = false;
        active.set(false);
        if (was) {
            LOG.info(() -> "session " + number + " wiped");
        }
    }
}
