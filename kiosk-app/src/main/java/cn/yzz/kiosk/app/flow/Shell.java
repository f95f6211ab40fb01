package cn.yzz.kiosk.app.flow;

import cn.yzz.kiosk.app.i18n.Language;
import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.app.voice.Spoken;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The frame every screen lives in: language, elder mode, the spoken prompt of whatever is on
 * screen, help, the idle warning, the out-of-service screen and the friendly screen after an
 * unexpected error. It covers the villager's flow ({@link KioskFlowModel}) when one of those must
 * be shown, and resets language and mode when a visit ends so the next villager starts afresh.
 *
 * <p>Use on the JavaFX thread.
 */
public final class Shell {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.shell");

    /** What covers the flow's screen, if anything. CONSOLE: the administrator's console (and its PIN pad) covers the whole kiosk. */
    public enum Cover { NONE, HELP, IDLE_WARNING, OUT_OF_SERVICE, ERROR, CONSOLE }

    /** Says a prompt; the kiosk's voice, or nothing. Must return at once. */
    @FunctionalInterface
    public interface Speaker {
        void say(Prompt prompt, Language language, boolean slow);
    }

    /** Whom the 求助 screen tells the villager to call; the phone may be empty. */
    public record HelpContact(String name, String phone) {
        public HelpContact {
            Objects.requireNonNull(name, "name");
            phone = phone == null ? "" : phone.strip();
        }
    }

    /** How long the friendly error screen stays before home comes back. */
    public static final Duration ERROR_SCREEN = Duration.ofSeconds(6);
    /** Errors within {@link #ERROR_WINDOW} after which the kiosk stops serving rather than fail again and again. */
    static final int ERRORS_BEFORE_OUT_OF_SERVICE = 3;
    static final Duration ERROR_WINDOW = Duration.ofMinutes(2);

    private final KioskFlowModel flow;
    private final IdleWatch idle;
    private final Texts texts;
    private final Speaker speaker;
    private final HelpContact contact;
    private final Scheduler scheduler;
    private final Executor speech;
    private final AssistModel assist; // null: a kiosk without 帮办代办 (the flow tests)

    private final ReadOnlyObjectWrapper<Cover> cover = new ReadOnlyObjectWrapper<>(this, "cover", Cover.NONE);
    private final ReadOnlyBooleanWrapper elder = new ReadOnlyBooleanWrapper(this, "elder", false);
    private final ReadOnlyBooleanWrapper broken = new ReadOnlyBooleanWrapper(this, "broken", false);
    private final ObjectBinding<Prompt> prompt;

    private boolean devicesDown;
    private boolean speechPending;
    private String lastSaid = ""; // key, words of the arguments, language and speed of what was said last
    private final Deque<Long> recentErrors = new ArrayDeque<>();
    private Scheduler.Cancellable errorTimer;

    /**
     * @param speech runs a task after the event being handled (the JavaFX queue): the prompt is
     *               said once the screen has settled, so a tap that passes through several
     *               states says only the last one
     */
    public Shell(KioskFlowModel flow, IdleWatch idle, Texts texts, Speaker speaker, HelpContact contact,
                 Scheduler scheduler, Executor speech) {
        this(flow, idle, texts, speaker, contact, scheduler, speech, null);
    }

    /** @param assist 帮办代办 on {@code flow}: its staff and consent screens, and what they say */
    public Shell(KioskFlowModel flow, IdleWatch idle, Texts texts, Speaker speaker, HelpContact contact,
                 Scheduler scheduler, Executor speech, AssistModel assist) {
        if (assist != null && assist.flow() != flow) {
            throw new IllegalArgumentException("the assisted mode must be the flow's own");
        }
        this.assist = assist;
        this.flow = Objects.requireNonNull(flow, "flow");
        this.idle = Objects.requireNonNull(idle, "idle");
        this.texts = Objects.requireNonNull(texts, "texts");
        this.speaker = Objects.requireNonNull(speaker, "speaker");
        this.contact = Objects.requireNonNull(contact, "contact");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.speech = Objects.requireNonNull(speech, "speech");

        Session session = flow.session();
        session.activeProperty().addListener((o, was, now) -> {
            if (now) {
                idle.start();
            } else {
                idle.stop();
            }
        });
        idle.setOnWarn(() -> cover.set(Cover.IDLE_WARNING));
        idle.setOnExpire(() -> {
            flow.end();
            cover.set(Cover.NONE);
        });
        // The watch leaves its warning by itself when money starts being taken: the warning goes too.
        idle.stateProperty().addListener((o, was, now) -> {
            if (was == IdleWatch.State.WARNING && now == IdleWatch.State.WATCHING && cover.get() == Cover.IDLE_WARNING) {
                cover.set(Cover.NONE);
            }
        });
        flow.setOnSessionEnded(this::sessionEnded);
        elder.addListener((o, was, now) -> flow.pageSizeProperty().set(now ? KioskFlowModel.ELDER_PAGE_SIZE : KioskFlowModel.PAGE_SIZE));
        elder.addListener((o, was, now) -> flow.search().pageSizeProperty()
                .set(now ? cn.yzz.kiosk.app.search.SearchModel.ELDER_PAGE_SIZE : cn.yzz.kiosk.app.search.SearchModel.PAGE_SIZE));

        flow.coveredProperty().bind(cover.isNotEqualTo(Cover.NONE));
        IdentifyModel id = flow.identify();
        prompt = Bindings.createObjectBinding(this::currentPrompt, cover, flow.screenProperty(), id.stepProperty(),
                id.identityProperty(), elder, flow.remindCardProperty(), flow.remindReceiptProperty(), flow.runPromptProperty(),
                assist != null ? assist.promptProperty() : cover, flow.search().promptProperty(),
                id.problemProperty(), id.methodsProperty(), flow.remindSsCardProperty());
        prompt.addListener((o, was, now) -> promptChanged());
        texts.languageProperty().addListener((o, was, now) -> promptChanged());
    }

    public KioskFlowModel flow() {
        return flow;
    }

    public Texts texts() {
        return texts;
    }

    public IdleWatch idle() {
        return idle;
    }

    public HelpContact contact() {
        return contact;
    }

    /** 帮办代办; null on a kiosk without it. */
    public AssistModel assist() {
        return assist;
    }

    public ReadOnlyObjectProperty<Cover> coverProperty() {
        return cover.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty elderProperty() {
        return elder.getReadOnlyProperty();
    }

    /** What the kiosk says for the screen now; 🔊 says it again. */
    public ObjectBinding<Prompt> promptProperty() {
        return prompt;
    }

    /** True when the kiosk stopped serving after repeated unexpected errors (only a restart clears it). */
    public ReadOnlyBooleanProperty brokenProperty() {
        return broken.getReadOnlyProperty();
    }

    // Commands //

    /** Says the first prompt; call once the kiosk is on screen. */
    public void started() {
        promptChanged();
    }

    public void chooseLanguage(Language l) {
        Objects.requireNonNull(l, "language");
        flow.session().begin();
        if (texts.language() != l) {
            LOG.info(() -> "language: " + l);
            texts.languageProperty().set(l); // the listener says the screen's prompt in the new language
        }
    }

    public void toggleElder() {
        setElder(!elder.get());
    }

    public void setElder(boolean on) {
        flow.session().begin();
        if (elder.get() != on) {
            LOG.info(() -> "elder mode " + (on ? "on" : "off"));
            elder.set(on);
            speak(Prompt.of(on ? "elder.on" : "elder.off"));
            lastSaid = said(prompt.get()); // the confirmation is enough; 🔊 says the screen again, slower
        }
    }

    /** 🔊: says the screen's prompt again. */
    public void replay() {
        Prompt p = prompt.get();
        speak(p);
        lastSaid = said(p);
    }

    /** 求助: tells the villager whom to call, and logs the request for the administrator. */
    public void help() {
        if (cover.get() == Cover.OUT_OF_SERVICE) {
            return;
        }
        flow.session().begin();
        if (idle.stateProperty().get() == IdleWatch.State.WARNING) {
            idle.touched(); // asking for help is being here: the visit must not expire behind the help screen
        }
        LOG.info(() -> "help requested on " + flow.screenProperty().get() + " (" + flow.identify().stepProperty().get() + ")");
        cover.set(Cover.HELP);
    }

    public void closeHelp() {
        if (cover.get() == Cover.HELP) {
            cover.set(Cover.NONE);
        }
    }

    /** Any touch on the screen: the villager is here (the idle warning itself is answered by {@link #continueSession()}). */
    public void touched() {
        if (idle.stateProperty().get() == IdleWatch.State.WATCHING) {
            idle.touched();
        }
    }

    /** The idle warning's 继续办理 (or a tap anywhere on it). */
    public void continueSession() {
        if (cover.get() == Cover.IDLE_WARNING) {
            idle.touched();
            cover.set(Cover.NONE);
        }
    }

    /** The idle warning's 结束办理: ends now. */
    public void endSessionNow() {
        if (cover.get() == Cover.IDLE_WARNING) {
            idle.stop();
            flow.end();
            cover.set(Cover.NONE);
        }
    }

    /** The demo's "walk away": the idle warning comes at once. */
    public void walkAway() {
        idle.walkAway();
    }

    /**
     * A device the kiosk cannot work without failed ({@code down}) or came back. A villager in
     * the middle of a visit finishes it (the flow shows what it can); the out-of-service screen
     * comes when the visit ends, and goes when the device is back.
     */
    public void essentialDevices(boolean down) {
        devicesDown = down;
        if (down && !flow.session().active() && cover.get() != Cover.ERROR && cover.get() != Cover.CONSOLE) {
            cover.set(Cover.OUT_OF_SERVICE);
        } else if (!down && cover.get() == Cover.OUT_OF_SERVICE && !broken.get()) {
            cover.set(Cover.NONE);
        }
    }

    /**
     * Something went wrong that nobody expected: the villager sees a friendly screen and is
     * taken home with the visit wiped; the error goes to the log. Repeated errors stop the kiosk
     * serving (out of service) rather than fail each villager in turn.
     */
    public void unexpectedError(Throwable error) {
        LOG.log(Level.SEVERE, "unexpected error; the villager is taken home", error);
        long now = System.nanoTime();
        recentErrors.addLast(now);
        while (!recentErrors.isEmpty() && now - recentErrors.peekFirst() > ERROR_WINDOW.toNanos()) {
            recentErrors.removeFirst();
        }
        boolean tooMany = recentErrors.size() >= ERRORS_BEFORE_OUT_OF_SERVICE;
        cover.set(tooMany ? Cover.OUT_OF_SERVICE : Cover.ERROR); // first, so the screens passed on the way are not said
        try {
            idle.stop();
            flow.end();
            flow.dismissEnd();
        } catch (RuntimeException again) {
            LOG.log(Level.SEVERE, "the flow could not be reset after the error", again);
        }
        if (tooMany) {
            LOG.severe(() -> recentErrors.size() + " unexpected errors within " + ERROR_WINDOW.toMinutes() + " min: out of service until restarted");
            broken.set(true);
            cover.set(Cover.OUT_OF_SERVICE);
            return;
        }
        cover.set(Cover.ERROR);
        if (errorTimer != null) {
            errorTimer.cancel();
        }
        errorTimer = scheduler.after(ERROR_SCREEN, this::leaveErrorScreen);
    }

    /** The error screen's 返回首页, or its time ran out. */
    public void leaveErrorScreen() {
        if (cover.get() == Cover.ERROR) {
            if (errorTimer != null) {
                errorTimer.cancel();
                errorTimer = null;
            }
            cover.set(devicesDown ? Cover.OUT_OF_SERVICE : Cover.NONE);
        }
    }

    /**
     * Whether the administrator's console may open now: at home with no visit under way, or on the out-of-service or
     * error screen. Never during a villager's visit: their data may be on screen.
     */
    public boolean consoleMayOpen() {
        Cover c = cover.get();
        return c == Cover.OUT_OF_SERVICE || c == Cover.ERROR
                || c == Cover.NONE && flow.screenProperty().get() == KioskFlowModel.Screen.HOME && !flow.session().active();
    }

    /** The console covers everything; no villager can start anything until {@link #closeConsole()}. False if it may not. */
    public boolean openConsole() {
        if (!consoleMayOpen()) {
            return false;
        }
        if (errorTimer != null) {
            errorTimer.cancel();
            errorTimer = null;
        }
        cover.set(Cover.CONSOLE);
        return true;
    }

    /** The console is left: home, or out of service if the kiosk still is. */
    public void closeConsole() {
        if (cover.get() == Cover.CONSOLE) {
            flow.home();
            cover.set(devicesDown || broken.get() ? Cover.OUT_OF_SERVICE : Cover.NONE);
        }
    }

    // Internals //

    private void sessionEnded() {
        idle.stop();
        if (cover.get() == Cover.HELP || cover.get() == Cover.IDLE_WARNING) {
            cover.set(Cover.NONE);
        }
        // The next villager starts in Mandarin with normal text, whatever this one chose.
        elder.set(false);
        texts.languageProperty().set(Language.DEFAULT);
        if (devicesDown && cover.get() == Cover.NONE) {
            cover.set(Cover.OUT_OF_SERVICE);
        }
    }

    /** Says the prompt once the current event is handled, if it is not what was said last. */
    private void promptChanged() {
        if (speechPending) {
            return;
        }
        speechPending = true;
        speech.execute(() -> {
            speechPending = false;
            Prompt p = prompt.get();
            String now = said(p);
            if (!now.equals(lastSaid)) {
                lastSaid = now;
                speak(p);
            }
        });
    }

    /** What saying {@code p} now would say: its key, its arguments' words, the language and the speed. */
    private String said(Prompt p) {
        StringBuilder sb = new StringBuilder(p.key()).append('|').append(texts.language()).append('|').append(elder.get());
        for (var a : p.args()) {
            sb.append('|').append(a.in(texts.language()));
        }
        return sb.toString();
    }

    private void speak(Prompt p) {
        if (cover.get() == Cover.CONSOLE) {
            return; // the administrator's console says nothing aloud
        }
        try {
            speaker.say(p, texts.language(), elder.get());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the voice failed; text only", e);
        }
    }

    private Prompt currentPrompt() {
        return switch (cover.get()) {
            case HELP -> contact.phone().isEmpty() ? Prompt.of("help.nophone") : Prompt.of("help", Spoken.digits(contact.phone()));
            case IDLE_WARNING -> Prompt.of("idle.warning", Spoken.count((int) idle.settings().grace().toSeconds()));
            case OUT_OF_SERVICE -> Prompt.of("out.of.service");
            case ERROR -> Prompt.of("error");
            case NONE, CONSOLE -> screenPrompt();
        };
    }

    private Prompt screenPrompt() {
        return switch (flow.screenProperty().get()) {
            case HOME -> Prompt.of("home");
            case SERVICES -> Prompt.of("services");
            case SEARCH -> flow.search().promptProperty().get();
            case IDENTIFY -> identifyPrompt();
            case SERVICE -> flow.runPromptProperty().get() != null ? flow.runPromptProperty().get() : Prompt.of("service");
            case END -> !flow.remindLeftProperty().isEmpty() ? Prompt.of("take.left", Spoken.count(flow.remindLeftProperty().size()),
                    Spoken.text(String.join("、", flow.remindLeftProperty()), "")) // the bundle's steps left say it all
                    : Prompt.of(takePrompt());
            case STAFF, CONSENT -> assist != null ? assist.promptProperty().get() : Prompt.of("service");
        };
    }

    /** "请取走…": the ID card, the social security card and the receipt, those the visit left. */
    private String takePrompt() {
        boolean card = flow.remindCardProperty().get();
        boolean ss = flow.remindSsCardProperty().get();
        boolean receipt = flow.remindReceiptProperty().get();
        String what = card && ss ? "cards" : ss ? "sscard" : card ? "card" : "";
        return what.isEmpty() ? "take.receipt" : "take." + what + (receipt ? ".receipt" : "");
    }

    /** What to do with the ways offered: the ID card alone as ever, or the ID card with the others, or a code alone. */
    private static String placePrompt(java.util.List<cn.yzz.kiosk.cache.catalog.Identity> methods) {
        boolean card = methods.contains(cn.yzz.kiosk.cache.catalog.Identity.IDCARD);
        boolean code = methods.contains(cn.yzz.kiosk.cache.catalog.Identity.YSS_CODE);
        boolean ss = methods.contains(cn.yzz.kiosk.cache.catalog.Identity.SSCARD);
        if (card) {
            return code && ss ? "identify.place.all" : code ? "identify.place.code" : ss ? "identify.place.sscard" : "identify.place";
        }
        return code && !ss ? "identify.code" : methods.isEmpty() ? "identify.place" : "identify.any";
    }

    private Prompt identifyPrompt() {
        IdentifyModel id = flow.identify();
        return switch (id.stepProperty().get()) {
            case IDLE, WAITING -> Prompt.of(placePrompt(id.methodsProperty()));
            case RESOLVING -> Prompt.of("identify.resolving");
            case ERROR -> Prompt.of(id.problemProperty().get() == null ? "identify.again" : id.problemProperty().get().key());
            case UNAVAILABLE -> Prompt.of("identify.unavailable");
            case DONE -> {
                MaskedIdentity person = id.identityProperty().get();
                if (person == null || !person.canContinue()) {
                    yield Prompt.of("identify.problem");
                }
                yield person.elder() && !elder.get() ? Prompt.of("elder.offer")
                        : Prompt.of("identify.done", Spoken.honorific(person.name(), person.sex() == cn.yzz.kiosk.device.idcard.Sex.FEMALE));
            }
        };
    }
}
