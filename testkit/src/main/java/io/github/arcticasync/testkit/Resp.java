package io.github.arcticasync.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A minimal RESP2 client on a raw socket, so the testkit can talk to Redis without a Redis library.
 *
 * <p>Replies map to Java as: simple string to {@link String}, error to {@link Resp.Error}, integer to {@link Long},
 * bulk string to {@link String} (UTF-8) or null, array to {@link List} or null.
 */
public final class Resp implements AutoCloseable {

    /** A RESP error reply, such as {@code NOAUTH Authentication required.}. */
    public record Error(String message) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private Resp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /**
     * Connects to {@code host:port} with the given timeout for connecting and for each reply.
     *
     * @throws IOException if the connection fails
     */
    public static Resp connect(String host, int port, int timeoutMillis) throws IOException {
        Objects.requireNonNull(host, "host");
        if (port <= 0 || port > 65535 || timeoutMillis <= 0) {
            throw new IllegalArgumentException("bad port " + port + " or timeout " + timeoutMillis);
        }
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            return new Resp(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends one command and returns its reply. */
    public Object command(String... args) throws IOException {
        if (args == null || args.length == 0) {
            throw new IllegalArgumentException("a command needs at least its name");
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        buffer.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String arg : args) {
            byte[] bytes = Objects.requireNonNull(arg, "command argument").getBytes(StandardCharsets.UTF_8);
            buffer.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            buffer.writeBytes(bytes);
            buffer.writeBytes(new byte[] {'\r', '\n'});
        }
        out.write(buffer.toByteArray());
        out.flush();
        return readReply();
    }

    private Object readReply() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("connection closed by the server");
        }
        String line = readLine();
        return switch (type) {
            case '+' -> line;
            case '-' -> new Error(line);
            case ':' -> Long.parseLong(line);
            case '$' -> readBulk(Integer.parseInt(line));
            case '*' -> readArray(Integer.parseInt(line));
            default -> throw new IOException("not a RESP reply, type byte " + type + ": " + line);
        };
    }

    private String readBulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length || in.read() != '\r' || in.read() != '\n') {
            throw new IOException("truncated bulk string");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private List<Object> readArray(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            items.add(readReply());
        }
        return items;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\r') {
            if (b < 0) {
                throw new IOException("connection closed mid-line");
            }
            line.write(b);
        }
        if (in.read() != '\n') {
            throw new IOException("line not ended by CRLF");
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
