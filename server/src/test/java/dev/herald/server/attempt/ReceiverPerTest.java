package dev.herald.server.attempt;

import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.TestHerald;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;

/**
 * What every attempt-log test starts from: the server of this round (one per store, each class choosing its retry
 * schedule), and for each test a fresh receiver and a fresh application on it.
 */
abstract class ReceiverPerTest {
    @Parameter
    TestHerald server;

    Receiver receiver;
    Steps steps;

    @BeforeEach
    void openReceiver() {
        receiver = Receiver.start();
        steps = new Steps(server.api());
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }
}
