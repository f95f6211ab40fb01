package cn.yzz.kiosk.cache.sync;

/** Request tag: this call is made before enrollment and carries no credentials. */
enum Unauthenticated { INSTANCE }
