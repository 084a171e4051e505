package com.omnichat.server.storage;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the writer's prepared statements for reuse. SQLite compiles a statement on every prepare, which costs more
 * than running most of ours; stores keep writing plain try-with-resources JDBC, and closing a cached statement only
 * resets it. Single-threaded by design: only the writer thread uses the connection it wraps.
 */
final class StatementCache {
    private StatementCache() {
    }

    static Connection wrap(Connection connection) {
        Map<String, PreparedStatement> cache = new HashMap<>();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
                        String sql = (String) args[0];
                        PreparedStatement cached = cache.get(sql);
                        if (cached == null || cached.isClosed()) {
                            cached = reusable(connection.prepareStatement(sql));
                            cache.put(sql, cached);
                        }
                        return cached;
                    }
                    if (method.getName().equals("close")) {
                        for (PreparedStatement statement : cache.values()) {
                            ((Reusable) Proxy.getInvocationHandler(statement)).target.close();
                        }
                        cache.clear();
                    }
                    return invoke(method, connection, args);
                });
    }

    private static PreparedStatement reusable(PreparedStatement target) {
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[]{PreparedStatement.class}, new Reusable(target));
    }

    private record Reusable(PreparedStatement target) implements java.lang.reflect.InvocationHandler {
        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            if (method.getName().equals("close")) {
                target.clearParameters();
                return null;
            }
            if (method.getName().equals("isClosed")) {
                return target.isClosed();
            }
            return StatementCache.invoke(method, target, args);
        }
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
