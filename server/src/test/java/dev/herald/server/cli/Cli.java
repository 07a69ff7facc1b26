package dev.herald.server.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Runs {@code herald} commands in this process, as the launcher would, with their output captured. */
final class Cli {
    private Cli() {
    }

    /** A finished command: its exit code and what it printed. */
    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Starts a long-running command (tail, listen) on its own thread; {@link Running#stop()} is its Ctrl-C. */
    static Running start(String... args) {
        return new Running(args);
    }

    static final class Running implements AutoCloseable {
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final AtomicInteger exit = new AtomicInteger(-1);
        private final Thread thread;

        private Running(String[] args) {
            thread = Thread.ofPlatform().name("cli-" + args[0]).start(() -> exit.set(Main.commandLine()
                    .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args)));
        }

        String out() {
            synchronized (out) {
                return out.toString();
            }
        }

        String err() {
            return err.toString();
        }

        /** Waits (bounded) until the output satisfies {@code condition}, and returns it. */
        String awaitOut(Predicate<String> condition, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                if (condition.test(out())) {
                    return out();
                }
                if (!thread.isAlive()) {
                    break;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("output not as expected within " + limit + "; exit " + exit.get()
                    + "\nout:\n" + out() + "\nerr:\n" + err());
        }

        /** Waits (bounded) for the command to end by itself and returns its exit code. */
        int awaitExit(Duration limit) throws InterruptedException {
            thread.join(limit.toMillis());
            if (thread.isAlive()) {
                throw new AssertionError("command still running after " + limit + "\nout:\n" + out());
            }
            return exit.get();
        }

        /** Ctrl-C: interrupts the command and waits for it to end. */
        int stop() throws InterruptedException {
            thread.interrupt();
            return awaitExit(Duration.ofSeconds(30));
        }

        @Override
        public void close() throws InterruptedException {
            if (thread.isAlive()) {
                stop();
            }
        }
    }
}
