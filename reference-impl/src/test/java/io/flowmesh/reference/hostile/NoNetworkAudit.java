package io.flowmesh.reference.hostile;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.Permission;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import io.flowmesh.conformance.cli.FlowMeshConformance;

/**
 * The child JVM of the no-network test: installs a security manager that refuses, and records, every
 * connection to a host that is not this machine (and every name lookup, which is network too), then
 * runs the CLI with the given arguments. Its last stdout line lists the attempts. With
 * {@code --self-test} it tries one connection to a documentation address instead, to prove the check
 * sees connections at all.
 */
@SuppressWarnings("removal")
public final class NoNetworkAudit {

    /** The marker of the last stdout line. */
    static final String ATTEMPTS = "network attempts: ";

    private NoNetworkAudit() {
    }

    public static void main(String[] args) throws Exception {
        List<String> attempts = new CopyOnWriteArrayList<>();
        System.setSecurityManager(new SecurityManager() {
            @Override
            public void checkPermission(Permission permission) {
                // Everything else is allowed: this manager watches the network only.
            }

            @Override
            public void checkPermission(Permission permission, Object context) {
            }

            @Override
            public void checkConnect(String host, int port) {
                if (!loopback(host)) {
                    attempts.add(host + ":" + port);
                    throw new SecurityException("this audit may not reach " + host + ":" + port);
                }
            }

            @Override
            public void checkConnect(String host, int port, Object context) {
                checkConnect(host, port);
            }
        });
        int code = 0;
        if (args.length == 1 && args[0].equals("--self-test")) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("192.0.2.1", 9), 200);
            } catch (Exception expected) {
                // Refused by the manager (or unreachable): the attempt is what counts.
            }
        } else {
            PrintWriter out = new PrintWriter(System.out, true);
            code = FlowMeshConformance.execute(args, out, new PrintWriter(System.err, true));
        }
        System.out.println(ATTEMPTS + attempts);
        System.out.flush();
        System.exit(code);
    }

    private static boolean loopback(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]")
                || h.equals("0:0:0:0:0:0:0:1");
    }
}
