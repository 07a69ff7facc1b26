package dev.herald.server.http;

/** A route's code: a call in, a reply out; expected refusals are thrown as ApiException. */
@FunctionalInterface
public interface Handler {
    Reply handle(Call call) throws Exception;
}
