package com.omnichat.desktop.support;

import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A GUI test's fixture: a real server on a free port with a fresh SQLite file, and the real app at its sign-in
 * screen, both new for each test and closed after it.
 */
public abstract class AgainstRealServer {
    protected TestServer server;
    protected DesktopDriver desktop;

    @BeforeEach
    void startServerAndApp() {
        server = TestServer.start();
        desktop = DesktopDriver.start();
    }

    @AfterEach
    void closeAppAndServer() {
        desktop.close();
        server.close();
    }
}
