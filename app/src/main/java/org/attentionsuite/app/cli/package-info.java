/**
 * The suite's command line ({@code ./suite}): parsing and printing only; the work is done by the
 * modules' and experiments' functions, which return records.
 */
package org.attentionsuite.app.cli;
