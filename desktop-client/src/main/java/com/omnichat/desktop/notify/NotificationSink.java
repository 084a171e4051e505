package com.omnichat.desktop.notify;

/** Where a desktop notification goes: the system tray, or nowhere on a machine without one. */
public interface NotificationSink extends AutoCloseable {
    void show(String title, String text);

    @Override
    default void close() {
    }
}
