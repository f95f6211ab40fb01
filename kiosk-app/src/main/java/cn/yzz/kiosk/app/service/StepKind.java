package cn.yzz.kiosk.app.service;

/**
 * The kinds of step a service's visit goes through, in this order; a plan holds the ones its
 * service needs. Each kind has one small model and one view.
 */
public enum StepKind {
    /** Who the villager is: the identify screen (before the run starts, so a villager identified once is not asked again). */
    IDENTIFY,
    /** Whom a payment is for: 本人 / 家庭 / 代他人. */
    PAYER,
    /** The form, one question per screen. */
    FORM,
    /** The answers and the amount, each with 修改, before anything is committed. */
    SUMMARY,
    /** Paying: by phone (a QR code), or in cash on enhanced kiosks (the note acceptor, through the cash desk). */
    PAY,
    /** A query's answer (a query or print service): fetched from the county, shown as a paged table. */
    QUERY,
    /** Printing a query's answer (A4 or the receipt printer), followed to the job's end. */
    PRINTOUT,
    /** A 一件事 bundle's step list: 第 2 步 / 共 4 步, what is done and what is left. */
    BUNDLE,
    /** Committing an application (a payment is committed by its pay step, in the same SQLite transaction as its journal). */
    SUBMIT,
    /** 是否打印: the receipt, offered, never forced. */
    PRINT,
    /** 好差评: always shown, always skippable. */
    EVALUATE,
    /** The end screen's reminders (the flow's own end). */
    END
}
