package dev.amsh.vocabulary;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ids in the xid style that AMS uses: 12 bytes (4 of seconds since the epoch, 3 of machine,
 * 2 of process, 3 of counter) written as 20 lowercase base32hex characters, so ids sort by
 * creation time and never collide between processes.
 */
public final class Xid {

    private static final char[] DIGITS = "0123456789abcdefghijklmnopqrstuv".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MACHINE = randomBytes(3);
    private static final int PROCESS = (int) (ProcessHandle.current().pid() & 0xffff);
    private static final AtomicInteger COUNTER = new AtomicInteger(RANDOM.nextInt());

    public static final int LENGTH = 20;

    private Xid() {
    }

    public static String next() {
        long seconds = System.currentTimeMillis() / 1000;
        int count = COUNTER.getAndIncrement();
        byte[] id = {
            (byte) (seconds >>> 24), (byte) (seconds >>> 16), (byte) (seconds >>> 8), (byte) seconds,
            MACHINE[0], MACHINE[1], MACHINE[2],
            (byte) (PROCESS >>> 8), (byte) PROCESS,
            (byte) (count >>> 16), (byte) (count >>> 8), (byte) count
        };
        return encode(id);
    }

    /** Whether the text has the shape of an id (it may still name nothing). */
    public static boolean looksLikeId(String text) {
        return text.length() == LENGTH && text.chars().allMatch(Xid::isDigit);
    }

    /** Whether the text could be the start of an id: at most {@link #LENGTH} id digits. */
    public static boolean looksLikeIdPrefix(String text) {
        return text.length() <= LENGTH && text.chars().allMatch(Xid::isDigit);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'v';
    }

    static String encode(byte[] id) {
        // 96 bits in 20 digits of 5 bits: the last digit carries the final 1 bit shifted left by 4.
        StringBuilder text = new StringBuilder(LENGTH);
        int buffer = 0;
        int bits = 0;
        for (byte b : id) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                text.append(DIGITS[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            text.append(DIGITS[(buffer << (5 - bits)) & 31]);
        }
        return text.toString();
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
