package com.omnichat.server.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The conversation lifecycle jobs on the server's scheduler: escalation every 5 s, auto-close every 60 s (PROTOCOL.md
 * §D.4, §D.5). Both read their state from the database alone, so a restart resumes them where they were.
 */
public final class LifecycleJobs {
    private static final long ESCALATION_EVERY_SECONDS = 5;
    private static final long AUTO_CLOSE_EVERY_SECONDS = 60;
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleJobs.class);

    private final EscalationJob escalation;
    private final AutoCloseJob autoClose;

    public LifecycleJobs(EscalationJob escalation, AutoCloseJob autoClose) {
        this.escalation = escalation;
        this.autoClose = autoClose;
    }

    public void schedule(ScheduledExecutorService scheduler) {
        scheduler.scheduleWithFixedDelay(() -> quietly(escalation::run, "Escalation"),
                ESCALATION_EVERY_SECONDS, ESCALATION_EVERY_SECONDS, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(() -> quietly(autoClose::run, "Auto-close"),
                AUTO_CLOSE_EVERY_SECONDS, AUTO_CLOSE_EVERY_SECONDS, TimeUnit.SECONDS);
    }

    /** Runs both jobs now, as their timers would, and returns once their changes are committed and published. */
    public int runOnce() {
        return escalation.run() + autoClose.run();
    }

    public EscalationJob escalation() {
        return escalation;
    }

    public AutoCloseJob autoClose() {
        return autoClose;
    }

    private static void quietly(IntSupplier job, String name) {
        try {
            job.getAsInt();
        } catch (RuntimeException e) {
            LOG.warn("{} run failed; the next run retries", name, e);
        }
    }

    /** Waits for the writer units of one run; a failed unit is logged and retried by the next run. */
    static int countTaken(List<CompletableFuture<Boolean>> units, String job, Logger log) {
        int taken = 0;
        for (CompletableFuture<Boolean> unit : units) {
            try {
                if (unit.join()) {
                    taken++;
                }
            } catch (CompletionException e) {
                log.warn("A {} step failed; the next run retries it", job, e.getCause());
            }
        }
        return taken;
    }
}
