package cn.yzz.kiosk.backend;

/** One endpoint of the contract: a request in, a complete reply out (nothing written yet). */
interface Route {
    Reply handle(Request req) throws Exception;
}
