package dev.herald.server.core;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

/**
 * Svix-style identifiers: a prefix and a 27-character base62 KSUID (4 bytes of seconds since 2014-05-13, 16 random
 * bytes), so ids sort by creation time. Within one second and one process the random part increments, so ids
 * created by this node are strictly increasing.
 */
public final class Ids {
    private static final long KSUID_EPOCH = 1_400_000_000L;
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int ENCODED_LENGTH = 27;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastSecond = -1;
    private final byte[] lastPayload = new byte[16];

    public Ids(Clock clock) {
        this.clock = clock;
    }

    public String next(String prefix) {
        return prefix + "_" + ksuid(clock.instant());
    }

    private synchronized String ksuid(Instant now) {
        long seconds = now.getEpochSecond() - KSUID_EPOCH;
        if (seconds == lastSecond) {
            increment(lastPayload);
        } else {
            random.nextBytes(lastPayload);
            lastPayload[0] &= 0x7F; // head-room so increments within a second never wrap
            lastSecond = seconds;
        }
        return encode(seconds, lastPayload);
    }

    /**
     * The smallest id with this prefix that {@link #next} can make at or after {@code at} (to the second): ids sort by
     * creation time, so {@code id < lowestAt(prefix, t)} selects what was made before {@code t} without an index on
     * the creation time.
     */
    public static String lowestAt(String prefix, Instant at) {
        long seconds = Math.max(0, at.getEpochSecond() - KSUID_EPOCH);
        return prefix + "_" + encode(seconds, new byte[16]);
    }

    /** The creation time encoded in an id made by {@link #next}, or empty if the text is not such an id. */
    public static java.util.Optional<Instant> timestampOf(String id) {
        int underscore = id.lastIndexOf('_');
        String ksuid = id.substring(underscore + 1);
        if (ksuid.length() != ENCODED_LENGTH) {
            return java.util.Optional.empty();
        }
        java.math.BigInteger value = java.math.BigInteger.ZERO;
        for (char c : ksuid.toCharArray()) {
            int digit = new String(BASE62).indexOf(c);
            if (digit < 0) {
                return java.util.Optional.empty();
            }
            value = value.multiply(java.math.BigInteger.valueOf(62)).add(java.math.BigInteger.valueOf(digit));
        }
        long seconds = value.shiftRight(128).longValue();
        return java.util.Optional.of(Instant.ofEpochSecond(seconds + KSUID_EPOCH));
    }

    private static void increment(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (++bytes[i] != 0) {
                return;
            }
        }
    }

    /**
     * Base62 of the KSUID made of {@code seconds} (4 bytes) and {@code payload} (16 bytes), by repeated long division
     * over five 32-bit limbs (no BigInteger garbage; three ids are made per delivered message, so this is on the
     * hot path).
     */
    private static String encode(long seconds, byte[] payload) {
        byte[] raw = new byte[20];
        raw[0] = (byte) (seconds >>> 24);
        raw[1] = (byte) (seconds >>> 16);
        raw[2] = (byte) (seconds >>> 8);
        raw[3] = (byte) seconds;
        System.arraycopy(payload, 0, raw, 4, 16);
        long[] limbs = new long[5];
        for (int i = 0; i < limbs.length; i++) {
            limbs[i] = ((raw[4 * i] & 0xFFL) << 24) | ((raw[4 * i + 1] & 0xFFL) << 16)
                    | ((raw[4 * i + 2] & 0xFFL) << 8) | (raw[4 * i + 3] & 0xFFL);
        }
        char[] out = new char[ENCODED_LENGTH];
        for (int pos = ENCODED_LENGTH - 1; pos >= 0; pos--) {
            long remainder = 0;
            for (int i = 0; i < limbs.length; i++) {
                long value = (remainder << 32) | limbs[i];
                limbs[i] = value / 62;
                remainder = value % 62;
            }
            out[pos] = BASE62[(int) remainder];
        }
        return new String(out);
    }

    /** A random base62 string for tokens and secrets. */
    public String randomToken(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = BASE62[random.nextInt(62)];
        }
        return new String(out);
    }
}
