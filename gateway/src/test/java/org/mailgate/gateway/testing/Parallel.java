package org.mailgate.gateway.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Races for tests of limits: n tasks on n threads, released together by one latch. */
public final class Parallel {

    private Parallel() {
    }

    @FunctionalInterface
    public interface Task<T> {
        T run(int i) throws Exception;
    }

    /** Runs task 0..n-1 at once and returns what each came to, in order. */
    public static <T> List<T> all(int n, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                Callable<T> c = () -> {
                    go.await();
                    return task.run(k);
                };
                futures.add(pool.submit(c));
            }
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
