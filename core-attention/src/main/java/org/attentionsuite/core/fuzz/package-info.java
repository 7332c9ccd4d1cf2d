/**
 * A small mutation fuzzer for the suite's file readers.
 *
 * <p>{@link org.attentionsuite.core.fuzz.Mutator} derives inputs from a corpus of valid files with
 * {@link org.attentionsuite.core.fuzz.Mutation}s (bit flips, byte and integer overwrites,
 * chunk-length edits, inserts, deletes, splices of two files); {@link
 * org.attentionsuite.core.fuzz.Fuzzer} feeds them to a {@link org.attentionsuite.core.fuzz.FuzzTarget}
 * with a time limit per input and reports, as {@link org.attentionsuite.core.fuzz.FuzzReport}, every
 * input that broke the target's invariant: it must accept the input or reject it with its own
 * user-facing error, never throw anything else and never hang.
 */
package org.attentionsuite.core.fuzz;
