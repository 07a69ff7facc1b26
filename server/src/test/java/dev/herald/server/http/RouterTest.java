package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.core.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final Handler OK = call -> Reply.noContent();

    @Test
    void aSvixOperationServedUnderAnotherParameterNameGetsNo501Route() {
        Router router = new Router().get("/api/v1/app/{id}/msg/{msg}", OK)
                .notOffered(List.of(new SvixOperations.Operation("GET", "/api/v1/app/{app_id}/msg/{msg_id}", "get")));

        Router.Lookup lookup = router.lookup("GET", "/api/v1/app/a/msg/m");

        assertThat(lookup.match().orElseThrow().route().handler()).isSameAs(OK);
    }

    @Test
    void anUnservedOperationWithMoreLiteralSegmentsWinsOverAParameter() {
        Router router = new Router().get("/api/v1/app/{app_id}/msg/{msg_id}", OK)
                .notOffered(List.of(new SvixOperations.Operation("GET", "/api/v1/app/{app_id}/msg/search", "s")));

        Router.Lookup lookup = router.lookup("GET", "/api/v1/app/a/msg/search");

        assertThat(lookup.match().orElseThrow().route().offered()).isFalse();
        assertThat(answer(lookup).code()).isEqualTo("not_implemented");
        assertThat(answer(lookup).status()).isEqualTo(501);
    }

    @Test
    void anUnofferedMethodIsNotListedAsAllowed() {
        Router router = new Router().get("/api/v1/thing/{id}", OK)
                .notOffered(List.of(new SvixOperations.Operation("PUT", "/api/v1/thing/{id}", "put")));

        Router.Lookup lookup = router.lookup("DELETE", "/api/v1/thing/t");

        assertThat(lookup.match()).isEmpty();
        assertThat(lookup.allowedMethods()).containsExactly("GET");
    }

    private static ApiException answer(Router.Lookup lookup) {
        try {
            lookup.match().orElseThrow().route().handler().handle(null);
        } catch (ApiException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("a 501 route answered");
    }
}
