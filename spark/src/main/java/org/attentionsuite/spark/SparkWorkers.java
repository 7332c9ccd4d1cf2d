package org.attentionsuite.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.parallel.Replicas;
import org.attentionsuite.core.parallel.Workers;

/**
 * {@link Workers} as the executors of an Apache Spark cluster ({@code --spark MASTER}). Nothing
 * connects until {@link #open}, which starts the Spark application ({@link SparkReplicas}); its
 * {@code close} ends it.
 */
final class SparkWorkers implements Workers {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)(?:,\\d+)?])?");

    /** The master URL; empty for the one spark-submit gave. */
    private final String master;

    SparkWorkers(String master) {
        this.master = master.trim();
    }

    @Override
    public Replicas open(DecoderModel model, int microBatch) {
        if (microBatch < 1) {
            throw new UserError("--micro-batch (" + microBatch + ") must be at least 1");
        }
        checkStandaloneMaster();
        return SparkReplicas.start(SparkSettings.conf(master), model, microBatch);
    }

    /**
     * A standalone master ({@code spark://HOST:PORT[,HOST:PORT…]}) must take a connection on one of
     * its addresses: Spark itself would retry for a minute before giving up.
     */
    private void checkStandaloneMaster() {
        if (!master.startsWith("spark://")) {
            return;
        }
        String failure = "";
        for (String address : master.substring("spark://".length()).split(",")) {
            int colon = address.lastIndexOf(':');
            try (Socket s = new Socket()) {
                int port = colon < 0 ? 7077 : Integer.parseInt(address.substring(colon + 1));
                s.connect(new InetSocketAddress(colon < 0 ? address : address.substring(0, colon), port), 10_000);
                return;
            } catch (IOException | NumberFormatException e) {
                failure = e.getMessage();
            }
        }
        throw new UserError("--spark " + master + ": cannot reach the master (" + failure + ")");
    }

    /**
     * Replicas computing in this JVM: the threads of {@code local[N]}; for a cluster one, the
     * driver's own share of memory (the model, Adam and the gradient sum), checked as one replica.
     */
    @Override
    public int count() {
        Matcher m = LOCAL.matcher(master);
        if (!m.matches()) {
            return 1;
        }
        String n = m.group(1);
        if (n == null) {
            return 1;
        }
        return n.equals("*") ? Runtime.getRuntime().availableProcessors() : Math.max(1, Integer.parseInt(n));
    }

    @Override
    public String describe() {
        return "Spark " + (master.isEmpty() ? "(spark-submit's master)" : master);
    }
}
