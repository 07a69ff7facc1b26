package dev.herald.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.svix.Svix;
import com.svix.api.ApplicationListOptions;
import com.svix.api.EndpointListOptions;
import com.svix.api.EventTypeDeleteOptions;
import com.svix.api.EventTypeListOptions;
import com.svix.exceptions.ApiException;
import com.svix.models.ApplicationIn;
import com.svix.models.ApplicationOut;
import com.svix.models.ApplicationPatch;
import com.svix.models.EndpointHeadersIn;
import com.svix.models.EndpointHeadersOut;
import com.svix.models.EndpointHeadersPatchIn;
import com.svix.models.EndpointIn;
import com.svix.models.EndpointOut;
import com.svix.models.EndpointPatch;
import com.svix.models.EndpointSecretRotateIn;
import com.svix.models.EndpointUpdate;
import com.svix.models.EventTypeIn;
import com.svix.models.EventTypeOut;
import com.svix.models.EventTypePatch;
import com.svix.models.EventTypeUpdate;
import com.svix.models.Ordering;
import dev.herald.server.testing.SvixClients;
import dev.herald.server.testing.TestHerald;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The official Svix Java SDK, pointed at Herald, manages applications, event types and endpoints unchanged. */
@ParameterizedClass
@MethodSource("dev.herald.server.testing.Servers#eachStore")
class SvixSdkManagementTest {
    @Parameter
    TestHerald server;

    Svix svix;

    String appId;

    @BeforeEach
    void createApp() throws Exception {
        svix = SvixClients.connect(server);
        appId = svix.getApplication().create(new ApplicationIn().name("SDK app")).getId();
    }

    @Test
    void managesApplications() throws Exception {
        ApplicationOut created = svix.getApplication().create(new ApplicationIn().name("Shop").uid("sdk-shop")
                .throttleRate(100L).metadata(Map.of("tier", "gold")));
        for (int i = 0; i < 6; i++) {
            svix.getApplication().create(new ApplicationIn().name("paged-" + i));
        }

        List<String> ids = pageThroughApplications();
        ApplicationOut byUid = svix.getApplication().get("sdk-shop");
        ApplicationOut updated = svix.getApplication().update(created.getId(),
                new ApplicationIn().name("Shop 2").uid("sdk-shop"));
        ApplicationOut patched = svix.getApplication().patch(created.getId(), new ApplicationPatch().uid(null));
        svix.getApplication().delete(created.getId());

        assertThat(ids).contains(created.getId(), appId).hasSizeGreaterThanOrEqualTo(8).doesNotHaveDuplicates();
        assertThat(byUid.getId()).isEqualTo(created.getId());
        assertThat(byUid.getMetadata()).containsEntry("tier", "gold");
        assertThat(updated.getName()).isEqualTo("Shop 2");
        assertThat(updated.getUid()).isEqualTo("sdk-shop");
        assertThat(patched.getUid()).isNull();
        assertThat(patched.getName()).isEqualTo("Shop 2");
        assertNotFound(() -> svix.getApplication().get(created.getId()));
    }

    @Test
    void managesEventTypes() throws Exception {
        for (int i = 0; i < 7; i++) {
            svix.getEventType().create(new EventTypeIn().name("sdk.type-" + i).description("type " + i)
                    .schemas(Map.of("1", Map.of("type", "object"))));
        }

        List<String> names = pageThroughEventTypes();
        EventTypeOut updated = svix.getEventType().update("sdk.type-0",
                new EventTypeUpdate().description("updated").deprecated(true));
        EventTypeOut patched = svix.getEventType().patch("sdk.type-0",
                new EventTypePatch().description("patched").schemas(null));
        svix.getEventType().delete("sdk.type-1");
        EventTypeDeleteOptions expunge = new EventTypeDeleteOptions();
        expunge.setExpunge(true);
        svix.getEventType().delete("sdk.type-2", expunge);

        assertThat(names).containsSubsequence("sdk.type-0", "sdk.type-3", "sdk.type-6");
        assertThat(updated.getDeprecated()).isTrue();
        assertThat(patched.getDescription()).isEqualTo("patched");
        assertThat(patched.getSchemas()).isNull();
        assertThat(svix.getEventType().get("sdk.type-1").getArchived()).isTrue();
        assertNotFound(() -> svix.getEventType().get("sdk.type-2"));
    }

    @Test
    void managesEndpoints() throws Exception {
        svix.getEventType().create(new EventTypeIn().name("order.created").description("An order was created"));
        EndpointOut created = svix.getEndpoint().create(appId, new EndpointIn().url(URI.create("https://example.com/a"))
                .uid("sdk-ep").filterTypes(Set.of("order.created")).channels(Set.of("eu")).rateLimit(10L)
                .metadata(Map.of("team", "orders")).headers(Map.of("X-Tenant", "acme")));
        for (int i = 0; i < 6; i++) {
            svix.getEndpoint().create(appId, new EndpointIn().url(URI.create("https://example.com/" + i)));
        }

        List<String> ids = pageThroughEndpoints();
        EndpointOut updated = svix.getEndpoint().update(appId, "sdk-ep",
                new EndpointUpdate().url(URI.create("https://example.com/b")).description("updated"));
        EndpointOut patched = svix.getEndpoint().patch(appId, created.getId(),
                new EndpointPatch().filterTypes(null).channels(null).disabled(true));
        svix.getEndpoint().delete(appId, "sdk-ep");

        assertThat(created.getFilterTypes()).containsExactly("order.created");
        assertThat(created.getChannels()).containsExactly("eu");
        assertThat(created.getThrottleRate()).isEqualTo(10L);
        assertThat(created.getVersion()).isEqualTo(1);
        assertThat(ids).hasSize(7).contains(created.getId()).doesNotHaveDuplicates();
        assertThat(updated.getUrl()).isEqualTo(URI.create("https://example.com/b"));
        assertThat(updated.getDescription()).isEqualTo("updated");
        assertThat(patched.getFilterTypes()).isNull();
        assertThat(patched.getChannels()).isNull();
        assertThat(patched.getDisabled()).isTrue();
        assertNotFound(() -> svix.getEndpoint().get(appId, created.getId()));
    }

    @Test
    void getsAndRotatesEndpointSecrets() throws Exception {
        String id = svix.getEndpoint().create(appId, new EndpointIn().url(URI.create("https://example.com"))).getId();
        String first = svix.getEndpoint().getSecret(appId, id).getKey();

        svix.getEndpoint().rotateSecret(appId, id, new EndpointSecretRotateIn());
        String second = svix.getEndpoint().getSecret(appId, id).getKey();
        String chosen = "whsec_" + Base64.getEncoder().encodeToString(new byte[24]);
        svix.getEndpoint().rotateSecret(appId, id, new EndpointSecretRotateIn().key(chosen));

        assertThat(first).startsWith("whsec_");
        assertThat(second).startsWith("whsec_").isNotEqualTo(first);
        assertThat(svix.getEndpoint().getSecret(appId, id).getKey()).isEqualTo(chosen);
    }

    @Test
    void getsAndUpdatesEndpointHeaders() throws Exception {
        String id = svix.getEndpoint().create(appId, new EndpointIn().url(URI.create("https://example.com"))).getId();

        svix.getEndpoint().updateHeaders(appId, id, new EndpointHeadersIn()
                .headers(Map.of("X-Tenant", "acme", "Authorization", "Bearer hidden")));
        svix.getEndpoint().patchHeaders(appId, id, new EndpointHeadersPatchIn().headers(Map.of("X-Region", "eu")));
        EndpointHeadersOut headers = svix.getEndpoint().getHeaders(appId, id);

        assertThat(headers.getHeaders()).containsOnly(Map.entry("X-Tenant", "acme"), Map.entry("X-Region", "eu"));
        assertThat(headers.getSensitive()).containsExactly("Authorization");
    }

    @Test
    void reportsValidationErrorsAsSvixApiExceptions() {
        assertThatThrownBy(() -> svix.getEndpoint().create(appId, new EndpointIn().url(URI.create("ftp://x"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(422));
    }

    /** One page as every SDK list response has it. */
    private record SdkPage(List<String> keys, String iterator, boolean done) {
    }

    @FunctionalInterface
    private interface PageFetch {
        SdkPage fetch(String iterator) throws Exception;
    }

    /** Follows the iterator from the first page to the last; there must be at least three pages. */
    private static List<String> allPages(PageFetch fetch) throws Exception {
        List<String> keys = new ArrayList<>();
        SdkPage page = new SdkPage(List.of(), null, false);
        int pages = 0;
        while (!page.done()) {
            page = fetch.fetch(page.iterator());
            keys.addAll(page.keys());
            pages++;
        }
        assertThat(pages).isGreaterThanOrEqualTo(3);
        return keys;
    }

    private List<String> pageThroughApplications() throws Exception {
        return allPages(iterator -> {
            ApplicationListOptions options = new ApplicationListOptions();
            options.setLimit(3L);
            options.setIterator(iterator);
            var page = svix.getApplication().list(options);
            return new SdkPage(page.getData().stream().map(ApplicationOut::getId).toList(), page.getIterator(),
                    page.getDone());
        });
    }

    private List<String> pageThroughEventTypes() throws Exception {
        return allPages(iterator -> {
            EventTypeListOptions options = new EventTypeListOptions();
            options.setLimit(3L);
            options.setIterator(iterator);
            var page = svix.getEventType().list(options);
            return new SdkPage(page.getData().stream().map(EventTypeOut::getName).toList(), page.getIterator(),
                    page.getDone());
        });
    }

    private List<String> pageThroughEndpoints() throws Exception {
        return allPages(iterator -> {
            EndpointListOptions options = new EndpointListOptions();
            options.setLimit(3L);
            options.setIterator(iterator);
            options.setOrder(Ordering.ASCENDING);
            var page = svix.getEndpoint().list(appId, options);
            return new SdkPage(page.getData().stream().map(EndpointOut::getId).toList(), page.getIterator(),
                    page.getDone());
        });
    }

    private static void assertNotFound(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getCode()).isEqualTo(404));
    }
}
