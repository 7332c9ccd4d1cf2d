package org.attentionsuite.spark;

import java.io.Serializable;

/**
 * The model's weights at one point of a run, as broadcast to the executors.
 *
 * @param tag    unique to this broadcast (application and broadcast id), so a replica knows whether it
 *               holds these weights already
 * @param values the weights
 */
record Weights(String tag, Values values) implements Serializable {
}
