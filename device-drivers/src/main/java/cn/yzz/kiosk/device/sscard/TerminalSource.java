package cn.yzz.kiosk.device.sscard;

import java.security.NoSuchAlgorithmException;
import java.util.List;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;

/** Where the readers come from: PC/SC in the kiosk, a stand-in in unit tests. */
@FunctionalInterface
interface TerminalSource {

    /** The readers there are now. */
    List<CardTerminal> list() throws CardException;

    /**
     * A fresh PC/SC factory on every call: {@code TerminalFactory.getDefault()} made while pcscd is
     * down stays empty for the JVM's lifetime, {@code getInstance} starts working once it is up
     * (platform-recipes §4).
     */
    static TerminalSource pcsc() {
        return () -> {
            try {
                return TerminalFactory.getInstance("PC/SC", null).terminals().list();
            } catch (NoSuchAlgorithmException e) {
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                throw new CardException(root.getMessage(), e);
            }
        };
    }
}
