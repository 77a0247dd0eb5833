package dev.gradsum.simulation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SIMULATED models' only source of chance: a number in [0, 1) fixed by the text it is rolled for, so
 * the same request always gets the same answer, on every machine and in every run.
 */
final class Dice {
    private Dice() {
    }

    /** A number in [0, 1) that depends only on {@code parts}. */
    static double roll(Object... parts) {
        return (bits(parts) >>> 11) * 0x1.0p-53;
    }

    /** A number in [0, bound) that depends only on {@code parts}. */
    static int pick(int bound, Object... parts) {
        return (int) Math.floorMod(bits(parts), (long) bound);
    }

    private static long bits(Object... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object part : parts) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            byte[] d = sha.digest();
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
