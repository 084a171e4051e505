package com.omnichat.desktop.notify;

import java.awt.AWTException;
import java.awt.SystemTray;
import java.awt.Toolkit;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.awt.GraphicsEnvironment;
import java.awt.Color;

/** The OS tray icon and its balloon messages, with the system beep as the sound; absent where there is no tray. */
final class TrayNotifications implements NotificationSink {
    private final TrayIcon icon;

    private TrayNotifications(TrayIcon icon) {
        this.icon = icon;
    }

    static Optional<NotificationSink> install() {
        try {
            if (GraphicsEnvironment.isHeadless() || !SystemTray.isSupported()) {
                return Optional.empty();
            }
            TrayIcon icon = new TrayIcon(dot(), "Omnichat");
            icon.setImageAutoSize(true);
            SystemTray.getSystemTray().add(icon);
            return Optional.of(new TrayNotifications(icon));
        } catch (AWTException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static BufferedImage dot() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        var g = image.createGraphics();
        g.setColor(new Color(0x4f46e5));
        g.fillOval(1, 1, 14, 14);
        g.dispose();
        return image;
    }

    @Override
    public void show(String title, String text) {
        icon.displayMessage(title, text, TrayIcon.MessageType.INFO);
        Toolkit.getDefaultToolkit().beep();
    }

    @Override
    public void close() {
        SystemTray.getSystemTray().remove(icon);
    }
}
