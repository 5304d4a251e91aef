package dev.wharf.oci;

import java.util.OptionalLong;

/**
 * A compressed blob's uncompressed size, where its own first and last bytes say it exactly and cheaply:
 * <ul>
 *   <li>gzip: the trailer's ISIZE (the size modulo 2^32) of a single-member stream under 4 GiB compressed;</li>
 *   <li>zstd: the first frame header's content size, when the encoder wrote it.</li>
 * </ul>
 * A blob with several gzip members (eStargz) or zstd frames (zstd:chunked) carries only one member's or frame's
 * size there. It is recognised when the blob is longer than one member or frame of that size can be (the usual
 * case: eStargz ends in a tiny footer member); otherwise, as for any other content, the answer is empty and the
 * caller reports the stored size. Pure: callers read the bytes.
 */
public final class UncompressedSize {
    /** How many leading bytes {@link #of} needs at most (gzip optional header fields included). */
    public static final int HEAD = 4096;
    /** How many trailing bytes {@link #of} needs. */
    public static final int TAIL = 8;

    private static final long FOUR_GIB = 1L << 32;
    private static final int ZSTD_MAX_BLOCK = 128 * 1024;

    private UncompressedSize() {
    }

    /**
     * @param size the blob's length
     * @param head its first {@code min(size, HEAD)} bytes
     * @param tail its last {@code min(size, TAIL)} bytes
     */
    public static OptionalLong of(long size, byte[] head, byte[] tail) {
        if (head.length >= 4 && u8(head, 0) == 0x1f && u8(head, 1) == 0x8b) {
            return gzip(size, head, tail);
        }
        if (head.length >= 5 && u8(head, 0) == 0x28 && u8(head, 1) == 0xb5 && u8(head, 2) == 0x2f
                && u8(head, 3) == 0xfd) {
            return zstd(size, head);
        }
        return OptionalLong.empty();
    }

    private static OptionalLong gzip(long size, byte[] head, byte[] tail) {
        int header = gzipHeaderLength(head);
        if (header < 0 || size >= FOUR_GIB || tail.length < TAIL || size < header + TAIL) {
            return OptionalLong.empty();
        }
        long isize = u32(tail, 4);
        long deflate = size - header - TAIL;
        // zlib's deflateBound: no single member holding isize bytes is longer; a longer blob has more members
        long longest = isize + (isize >> 3) + (isize >> 6) + 64;
        // deflate expands at most 1032:1; a shorter stream cannot hold isize bytes (corrupt or wrapped)
        if (deflate > longest || deflate * 1032 + 64 < isize) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(isize);
    }

    /** Length of the member header (RFC 1952) in {@code head}, or -1 when it is not one or runs past it. */
    private static int gzipHeaderLength(byte[] head) {
        if (head.length < 10 || u8(head, 2) != 8 || (u8(head, 3) & 0xe0) != 0) {
            return -1;
        }
        int flags = u8(head, 3);
        int p = 10;
        if ((flags & 0x04) != 0) { // FEXTRA
            if (p + 2 > head.length) {
                return -1;
            }
            p += 2 + (u8(head, p) | u8(head, p + 1) << 8);
        }
        for (int bit : new int[]{0x08, 0x10}) { // FNAME, FCOMMENT: zero-terminated
            if ((flags & bit) != 0) {
                while (p < head.length && head[p] != 0) {
                    p++;
                }
                p++;
            }
        }
        if ((flags & 0x02) != 0) { // FHCRC
            p += 2;
        }
        return p > head.length ? -1 : p;
    }

    private static OptionalLong zstd(long size, byte[] head) {
        int fhd = u8(head, 4);
        boolean singleSegment = (fhd & 0x20) != 0;
        if ((fhd & 0x08) != 0) { // reserved bit
            return OptionalLong.empty();
        }
        int fcsFlag = fhd >>> 6;
        int fcsBytes = switch (fcsFlag) {
            case 0 -> singleSegment ? 1 : 0;
            case 1 -> 2;
            case 2 -> 4;
            default -> 8;
        };
        if (fcsBytes == 0) {
            return OptionalLong.empty(); // the encoder did not write the content size
        }
        int p = 5;
        long window = 0;
        if (!singleSegment) {
            int wd = u8(head, p++);
            long base = 1L << (10 + (wd >>> 3));
            window = base + (base / 8) * (wd & 7);
        }
        p += new int[]{0, 1, 2, 4}[fhd & 3]; // dictionary id
        if (p + fcsBytes > head.length) {
            return OptionalLong.empty();
        }
        long content = 0;
        for (int i = 0; i < fcsBytes; i++) {
            content |= (long) u8(head, p + i) << (8 * i);
        }
        if (fcsBytes == 2) {
            content += 256;
        }
        if (content < 0) {
            return OptionalLong.empty();
        }
        long headerEnd = p + fcsBytes;
        long blockMax = Math.max(1, Math.min(ZSTD_MAX_BLOCK, singleSegment ? content : window));
        long blocks = Math.max(1, (content + blockMax - 1) / blockMax);
        // one frame of this content size, stored raw block by block with a checksum, is no longer than this
        long longest = headerEnd + content + 3 * blocks + 4;
        return size > longest ? OptionalLong.empty() : OptionalLong.of(content);
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    private static long u32(byte[] b, int i) {
        return (u8(b, i) | (long) u8(b, i + 1) << 8 | (long) u8(b, i + 2) << 16 | (long) u8(b, i + 3) << 24);
    }
}
