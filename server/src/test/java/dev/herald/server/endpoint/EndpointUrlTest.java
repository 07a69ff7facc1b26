package dev.herald.server.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one rule for endpoint URLs, which the API and the sender share. */
class EndpointUrlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://example.com/hook         | https://example.com/hook",
            "http://example.com               | http://example.com",
            "HTTPS://Example.com:8443/a?b=c   | https://Example.com:8443/a?b=c",
            "Http://example.com/#frag         | http://example.com/#frag",
            "http://my_service:8080/hook      | http://my_service:8080/hook",
            "http://my_service/hook           | http://my_service/hook",
            "http://[2001:db8::1]:65535/      | http://[2001:db8::1]:65535/",
            "http://127.0.0.1:1/              | http://127.0.0.1:1/"})
    void sendsToTheUrlWithItsSchemeInLowerCase(String url, String sentTo) {
        assertThat(EndpointUrl.parse(url)).isEqualTo(new EndpointUrl.Target.Sendable(URI.create(sentTo)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com/hook", "ftp://example.com/hook", "/relative/path", "https://exa mple.com",
            "", "http://", "https:///path", "mailto:someone@example.com", "http://ex%zzample.com/", "http:example.com",
            "http://exa$mple.com/", "http://b\u00fccher.example/"})
    void refusesWhatIsNotAnAbsoluteHttpUrlWithAHost(String url) {
        assertThat(EndpointUrl.parse(url)).isEqualTo(
                new EndpointUrl.Target.Unsendable("must be an absolute http or https URL with a host"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user:pw@example.com/hook", "https://user@example.com/", "http://@example.com/",
            "http://user:pw@my_service:8080/", "http://example.com:80@evil.example/"})
    void refusesUserInfo(String url) {
        assertThat(EndpointUrl.parse(url)).isInstanceOfSatisfying(EndpointUrl.Target.Unsendable.class,
                unsendable -> assertThat(unsendable.reason()).contains("user info"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com:0/", "http://example.com:65536/", "http://example.com:99999/",
            "http://my_service:0/", "http://my_service:70000/", "http://[::1]:100000/"})
    void refusesAPortOutsideOneTo65535(String url) {
        assertThat(EndpointUrl.parse(url)).isEqualTo(
                new EndpointUrl.Target.Unsendable("must have a port from 1 to 65535"));
    }
}
