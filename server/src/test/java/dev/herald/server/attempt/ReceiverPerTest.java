package dev.herald.server.attempt;

import dev.herald.server.testing.Api;
import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.StoreKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;

/**
 * What every attempt-log test starts from: the store its class runs on, and for each test a fresh receiver and a
 * fresh application on the class's server (which each class starts with its own retry schedule).
 */
abstract class ReceiverPerTest {
    @Parameter
    StoreKind store;

    Receiver receiver;
    Steps steps;

    /** The API of the server the class started. */
    abstract Api api();

    @BeforeEach
    void openReceiver() {
        receiver = Receiver.start();
        steps = new Steps(api());
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }
}
