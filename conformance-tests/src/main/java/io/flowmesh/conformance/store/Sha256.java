package io.flowmesh.conformance.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.apiguardian.api.API;

/** SHA-256 as the kit writes it everywhere (adapter archives, served files, results bundles): lower-case hex. */
@API(status = API.Status.INTERNAL, since = "0.4")
public final class Sha256 {

    private Sha256() {
    }

    /** The SHA-256 of the bytes, in lower-case hex. */
    public static String hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
