/**
 * The experiment report: where results live inside an output folder ({@link
 * org.attentionsuite.experiments.report.Outputs}), atomic writers for Markdown, CSV and PNG charts,
 * the machine description ({@link org.attentionsuite.experiments.report.MachineInfo}) and the
 * {@code index.md} that gathers them ({@link org.attentionsuite.experiments.report.Report}).
 */
package org.attentionsuite.experiments.report;
