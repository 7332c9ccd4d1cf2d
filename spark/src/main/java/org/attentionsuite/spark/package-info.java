/**
 * Training on the executors of an Apache Spark cluster ({@code --spark MASTER}): one more placement
 * of {@link org.attentionsuite.core.parallel.Workers}, found by the command line through
 * {@link org.attentionsuite.core.parallel.Workers.Provider}. The driver keeps the model, Adam, the
 * run folder and the checkpoints; each step's blocks of micro-batches are tasks of one Spark job,
 * computed by the same {@link org.attentionsuite.core.parallel.StepWork} code as the threads and
 * summed by the same {@link org.attentionsuite.core.parallel.GradientTree}, so a Spark run is the
 * same bits as a threaded one.
 */
package org.attentionsuite.spark;
