package dev.herald.server.testing;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;

/**
 * The default method orderer of the server tests: it keeps JUnit's own order and exists for what every orderer
 * implies, that the methods of a class run one after another. That lets test classes default to running
 * concurrently, {@code @ParameterizedClass} ones included, which ignore the setting meant for top-level classes
 * and would otherwise all run one after another on a single thread.
 */
public final class OneMethodAtATime implements MethodOrderer {
    @Override
    public void orderMethods(MethodOrdererContext context) {
        // JUnit's order stays as it is; see the class comment
    }
}
