/**
 * Judging images beyond likelihood: {@link org.attentionsuite.image.eval.ImageClassifier}, a small
 * classifier on the engine that says how often a class-conditional model drew the class it was
 * asked for.
 */
package org.attentionsuite.image.eval;
