import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Blob content for the workloads: a random block repeated up to the size (so a 512 MiB body costs 8 MiB of memory),
 * with its sha256 digest computed up front.
 */
final class Payload implements HttpConn.Body {
    private final byte[] block;
    private final long size;
    final String digest;

    private Payload(byte[] block, long size) {
        this.block = block;
        this.size = size;
        this.digest = sha256(this, 0, size);
    }

    /** {@code size} bytes from a random block of at most {@code blockSize} bytes seeded by {@code seed}. */
    static Payload random(long seed, long size, int blockSize) {
        byte[] block = new byte[(int) Math.min(size, blockSize)];
        new SplittableRandom(seed).nextBytes(block);
        return new Payload(block, size);
    }

    static Payload of(byte[] bytes) {
        return new Payload(bytes, bytes.length);
    }

    @Override
    public long length() {
        return size;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        writeRange(out, 0, size);
    }

    /** Writes bytes {@code [from, to)}. */
    void writeRange(OutputStream out, long from, long to) throws IOException {
        for (long p = from; p < to; ) {
            int off = (int) (p % block.length);
            int n = (int) Math.min(block.length - off, to - p);
            out.write(block, off, n);
            p += n;
        }
    }

    HttpConn.Body range(long from, long to) {
        return new HttpConn.Body() {
            public long length() {
                return to - from;
            }

            public void writeTo(OutputStream out) throws IOException {
                writeRange(out, from, to);
            }
        };
    }

    byte[] bytes() {
        if (size != block.length) {
            throw new IllegalStateException("only small payloads are kept whole");
        }
        return block;
    }

    private static String sha256(Payload p, long from, long to) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            p.writeRange(new OutputStream() {
                public void write(int b) {
                    md.update((byte) b);
                }

                public void write(byte[] b, int off, int len) {
                    md.update(b, off, len);
                }
            }, from, to);
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
