package dev.herald.server.delivery;

import dev.herald.server.testing.Receiver;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FairDeliveryTest}'s stalled backlog and trickle with two nodes on one PostgreSQL database. */
class FairDeliveryMultiNodeTest {

    @Test
    void twoNodesOnOneDatabaseKeepTheTrickleFlowing() throws Exception {
        String database = StoreKind.createPostgresDatabase();
        try (TestHerald first = TestHerald.startOnPostgres(database, FairDeliveryTest.STALLED_NODE);
             TestHerald second = TestHerald.joinPostgres(database, FairDeliveryTest.STALLED_NODE);
             Receiver hung = Receiver.start().answering(n -> FairDeliveryTest.hang());
             Receiver healthy = Receiver.start()) {
            FairDeliveryTest.trickleDespiteBacklog(List.of(first.api(), second.api()), hung, healthy);
        }
    }
}
