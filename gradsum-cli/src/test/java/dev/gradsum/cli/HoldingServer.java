package dev.gradsum.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible server on raw sockets that works on each request for {@code hold} before it
 * answers, and, like a real inference server, stops working on a request whose client hung up (vLLM
 * aborts the generation when the connection closes: vllm-project/vllm#6975, #8332). It notices at once: the connection's
 * thread waits in a read, which the hang-up ends. It counts the requests it is working on
 * (in flight at the server), the most at once, and every request it received, so a test can see
 * whether abandoned exchanges were really cancelled.
 */
public final class HoldingServer implements AutoCloseable {
    private final ServerSocket socket;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "holding-server");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "holding-server-timer");
        t.setDaemon(true);
        return t;
    });
    private final Duration hold;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger abandoned = new AtomicInteger();

    public HoldingServer(Duration hold) throws IOException {
        this.hold = hold;
        this.socket = new ServerSocket(0, 200, InetAddress.getByName("127.0.0.1"));
        connections.submit(this::accept);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public int received() {
        return received.get();
    }

    /** Requests whose client hung up before the answer. */
    public int abandoned() {
        return abandoned.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.submit(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            int length = readHead(in);
            while (length >= 0) {
                in.readNBytes(length);
                received.incrementAndGet();
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                AtomicBoolean done = new AtomicBoolean();
                ScheduledFuture<?> answer = timer.schedule(() -> {
                    if (done.compareAndSet(false, true)) {
                        inFlight.decrementAndGet();
                        answer(out);
                    }
                }, hold.toNanos(), TimeUnit.NANOSECONDS);
                // blocks until the client sends its next request (after the answer) or hangs up
                length = readHead(in);
                if (done.compareAndSet(false, true)) {
                    answer.cancel(false);
                    inFlight.decrementAndGet();
                    abandoned.incrementAndGet();
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void answer(OutputStream out) {
        byte[] body = ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"m\",\"choices\":"
                + "[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":\"Paris\"}}],"
                + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":5,\"total_tokens\":25}}")
                .getBytes(StandardCharsets.UTF_8);
        try {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (IOException e) {
            // the client went away meanwhile
        }
    }

    /** Reads a request head; returns its Content-Length, or -1 at the end of the stream. */
    private static int readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = read(in)) >= 0) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        return Integer.parseInt(line.substring(15).trim());
                    }
                }
                return 0;
            }
        }
        return -1;
    }

    /** One byte, or -1 at the end of the stream or when the connection was reset. */
    private static int read(InputStream in) {
        try {
            return in.read();
        } catch (IOException reset) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        connections.shutdownNow();
        timer.shutdownNow();
    }
}
