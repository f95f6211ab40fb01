package cn.yzz.kiosk.device.cash.emu;

/**
 * The note inside the emulated validator.
 *
 * @param channel    its channel, 0 for a note the dataset does not know (or a fake)
 * @param valueFen   what was inserted, in fen (0 for a fake)
 * @param fake       a counterfeit: read, then rejected
 * @param step       how many poll replies the current stage has told (REJECTING: ED then EC; STACKING: CC, then CREDIT)
 * @param jam        NONE, SAFE (inside, E A) or UNSAFE (at the front, E9)
 * @param rejectCode the reject code it will be handed back with (REJECTING), else 0
 */
public record NoteInPath(NoteStage stage, int channel, long valueFen, boolean fake, int step, Jam jam, int rejectCode) {

    public enum Jam { NONE, SAFE, UNSAFE }

    public NoteInPath {
        java.util.Objects.requireNonNull(stage, "stage");
        java.util.Objects.requireNonNull(jam, "jam");
    }

    NoteInPath at(NoteStage next) {
        return new NoteInPath(next, channel, valueFen, fake, 0, jam, rejectCode);
    }

    NoteInPath nextStep() {
        return new NoteInPath(stage, channel, valueFen, fake, step + 1, jam, rejectCode);
    }

    NoteInPath jammed(Jam how) {
        return new NoteInPath(stage, channel, valueFen, fake, step, how, rejectCode);
    }

    NoteInPath rejecting(int code) {
        return new NoteInPath(NoteStage.REJECTING, channel, valueFen, fake, 0, jam, code);
    }
}
