package dev.herald.server.http;

/** The routes of one feature, added to the router in one method. */
public interface RouteGroup {
    void register(Router router);
}
