package com.omnichat.server.support;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What a fake third-party API received, in arrival order, for the test to take one by one. */
public final class RecordedRequests<T> {
    private final BlockingQueue<T> requests = new LinkedBlockingQueue<>();
    private final String api;

    /** {@code api} names the fake in failure messages, e.g. "the fake Twilio API". */
    public RecordedRequests(String api) {
        this.api = api;
    }

    public void add(T request) {
        requests.add(request);
    }

    /** The next request the server made, waiting up to 15 s for it. */
    public T next() {
        try {
            T request = requests.poll(15, TimeUnit.SECONDS);
            if (request == null) {
                throw new AssertionError("no request reached " + api);
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public int waiting() {
        return requests.size();
    }

    public void clear() {
        requests.clear();
    }
}
