package com.omnichat.server.http;

/** A feature's routes; each feature package has one. */
public interface RouteModule {
    void register(RouteTable routes);
}
