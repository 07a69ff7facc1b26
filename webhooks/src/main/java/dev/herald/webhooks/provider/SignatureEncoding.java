package dev.herald.webhooks.provider;

import dev.herald.webhooks.Hmac;
import java.util.Base64;
import java.util.HexFormat;

/** How a provider writes a MAC into its header. Hex is read in either letter case, since providers differ. */
public enum SignatureEncoding {
    HEX {
        @Override
        byte[] decode(String text) {
            return HexFormat.of().parseHex(text);
        }
    },
    BASE64 {
        @Override
        byte[] decode(String text) {
            return Base64.getDecoder().decode(text);
        }
    };

    abstract byte[] decode(String text);

    /** Whether the presented text encodes the expected MAC; text that does not decode never matches. */
    boolean matches(byte[] expected, String presented) {
        try {
            return Hmac.matches(expected, decode(presented.strip()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
