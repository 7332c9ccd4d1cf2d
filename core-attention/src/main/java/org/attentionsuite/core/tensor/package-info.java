/**
 * Tensor storage and kernels. {@link org.attentionsuite.core.tensor.Storage} is one contiguous
 * native ND4J buffer; {@link org.attentionsuite.core.tensor.Mat} is a row-major window on it
 * (offset, rows, cols, leading dimension), so per-head blocks and parameter slices need no copies.
 * {@link org.attentionsuite.core.tensor.Blas} does matrix products into preallocated outputs;
 * the fused passes are grouped by operation ({@link org.attentionsuite.core.tensor.Softmax},
 * {@link org.attentionsuite.core.tensor.LayerNormKernel}, {@link org.attentionsuite.core.tensor.Activations},
 * {@link org.attentionsuite.core.tensor.Elementwise}, {@link org.attentionsuite.core.tensor.AdamKernel}),
 * each with its scalar form and, beside it, its float32 vector form. Everything works in float32
 * (training) and float64 (gradient checks) with the same code.
 */
package org.attentionsuite.core.tensor;
