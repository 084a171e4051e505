package com.omnichat.server.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Fires requests from many threads released at the same moment, as a scripted attacker would. */
public final class Parallel {
    private Parallel() {
    }

    /** Runs {@code request} {@code times} times at once (each gets its index) and returns the replies in index order. */
    public static List<Api.Reply> at(int times, IntFunction<Api.Reply> request) {
        ExecutorService threads = Executors.newFixedThreadPool(times);
        try {
            CountDownLatch ready = new CountDownLatch(times);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                int index = i;
                replies.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return request.apply(index);
                }));
            }
            ready.await();
            go.countDown();
            List<Api.Reply> result = new ArrayList<>();
            for (Future<Api.Reply> reply : replies) {
                result.add(reply.get());
            }
            return result;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            threads.shutdownNow();
        }
    }
}
