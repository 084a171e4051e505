package com.omnichat.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsHandlerType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Registers routes and remembers who may call each one, so tests can walk every route (tenant isolation, bad input)
 * and fail when a route is added without a case.
 */
public final class RouteTable {
    public enum Access { PUBLIC, VISITOR, STAFF, ADMIN, PLATFORM, WEBHOOK }

    public record Route(String method, String path, Access access) {
    }

    private final RoutesConfig routes;
    private final List<Route> registered = new ArrayList<>();

    public RouteTable(RoutesConfig routes) {
        this.routes = routes;
    }

    public void get(String path, Access access, Handler handler) {
        add(HandlerType.GET, path, access, handler);
    }

    public void post(String path, Access access, Handler handler) {
        add(HandlerType.POST, path, access, handler);
    }

    public void patch(String path, Access access, Handler handler) {
        add(HandlerType.PATCH, path, access, handler);
    }

    public void delete(String path, Access access, Handler handler) {
        add(HandlerType.DELETE, path, access, handler);
    }

    public void put(String path, Access access, Handler handler) {
        add(HandlerType.PUT, path, access, handler);
    }

    public void ws(String path, Access access, Consumer<WsConfig> socket) {
        routes.addWsHandler(WsHandlerType.WEBSOCKET, path, socket);
        registered.add(new Route("WS", path, access));
    }

    private void add(HandlerType method, String path, Access access, Handler handler) {
        routes.addHttpHandler(method, path, handler);
        registered.add(new Route(method.name(), path, access));
    }

    public List<Route> registered() {
        return List.copyOf(registered);
    }
}
