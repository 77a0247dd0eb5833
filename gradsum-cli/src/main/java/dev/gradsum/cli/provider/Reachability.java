package dev.gradsum.cli.provider;

import dev.gradsum.llm.ServerUnreachableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks, before a run starts and without calling any model, that each model server accepts a TCP
 * connection, so a wrong base URL or a stopped local server is one clear line instead of a run whose
 * every call fails.
 */
public final class Reachability {
    private static final int CONNECT_TIMEOUT_MS = 5000;

    private Reachability() {
    }

    /**
     * @param models a task file's model sections by role key
     * @throws ServerUnreachableException naming the first model whose server cannot be reached
     */
    public static void check(Map<String, ModelSpec> models) {
        Set<String> checked = new HashSet<>();
        for (ModelSpec spec : models.values()) {
            if (!spec.provider().remote()) {
                continue;
            }
            String url = ChatModels.displayUrl(spec);
            if (!checked.add(url)) {
                continue;
            }
            URI uri = URI.create(url);
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), port), CONNECT_TIMEOUT_MS);
            } catch (ConnectException e) {
                throw unreachable(spec, url, "connection refused", e);
            } catch (UnknownHostException e) {
                throw unreachable(spec, url, "unknown host", e);
            } catch (SocketTimeoutException e) {
                throw unreachable(spec, url, "connection timed out", e);
            } catch (IOException e) {
                throw unreachable(spec, url, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
            }
        }
    }

    private static ServerUnreachableException unreachable(ModelSpec spec, String url, String why, IOException cause) {
        return new ServerUnreachableException(spec.label() + ": cannot connect to " + url + " (" + why
                + "); is the server running?", cause);
    }
}
