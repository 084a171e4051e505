package com.omnichat.server.lifecycle;

import com.omnichat.server.tenants.EffectiveSettings;

import java.util.Optional;

/** The part of a tenant's effective settings the lifecycle jobs read (PROTOCOL.md §C.5, §D.4, environment defaults). */
record LifecycleSettings(long patienceSeconds, long escalateAfterSeconds, long autoCloseMinutes, ShiftSchedule shifts,
                         Optional<String> backupNumber, EffectiveSettings settings) {

    static LifecycleSettings of(EffectiveSettings settings) {
        return new LifecycleSettings(settings.patienceSeconds(), settings.escalateAfterSeconds(),
                settings.autoCloseMinutes(), new ShiftSchedule(settings.shifts(), settings.timezone()),
                settings.backupNumber(), settings);
    }

    String text(String key) {
        return settings.text(key);
    }
}
