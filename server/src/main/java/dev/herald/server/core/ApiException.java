package dev.herald.server.core;

/**
 * An expected refusal of an API request, turned into Svix's error body {@code {"code","detail"}} by the HTTP layer
 * (the one place that formats errors).
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "generic_error", detail);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found");
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "conflict", detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "authentication_failed", detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "insufficient access", detail);
    }

    public static ApiException notImplemented(String detail) {
        return new ApiException(501, "not_implemented", detail);
    }

    public static ApiException payloadTooLarge(long limit) {
        return new ApiException(413, "payload_too_large", "request body is larger than " + limit + " bytes");
    }
}
