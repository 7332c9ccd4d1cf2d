/**
 * Relative self-attention of the Music Transformer (Huang et al. 2018, §3.4–3.5), each variant one
 * {@link org.attentionsuite.core.attention.Attention} chosen by its spec record, both run by the
 * block loop of {@link org.attentionsuite.core.attention.BlockedAttention}:
 * <ul>
 *   <li>{@link org.attentionsuite.music.attention.RelativeAttention}: global causal attention with
 *       learned relative logits computed by the memory-efficient "skew" (§3.4.1), memory
 *       {@code O(L² + L·Dh)} per head; or, with the same spec's {@code PAIRWISE} computation, by the
 *       Shaw et al. (2018) baseline that materialises the {@code (L, L, Dh)} tensor of relative
 *       embeddings, kept for the memory comparison and as a second reference;</li>
 *   <li>{@link org.attentionsuite.music.attention.RelativeLocalAttention}: relative local attention
 *       over blocks (§3.5), cost {@code O(L·blockLength)}.</li>
 * </ul>
 *
 * <p>All share one table semantics: row {@code d} of a learned {@code (R, Dh)} table holds
 * {@code E[d]} for the query-to-key distance {@code d = i − j ≥ 0}; distances {@code ≥ R} reuse the
 * last row (clipped, as in Shaw et al. 2018). Note that tensor2tensor's masked relative attention
 * instead gives distances {@code ≥ R} a zero embedding; the clipping here is a deliberate choice.
 */
package org.attentionsuite.music.attention;
