/**
 * A small default corpus shipped on the classpath: songs from the Freedoom project (BSD-style
 * licence, see {@code LICENSE-freedoom.txt} next to them), extracted from Debian's
 * {@code freedoom} WAD files with {@link org.attentionsuite.music.bundled.WadMusicExtractor} and
 * loaded with {@link org.attentionsuite.music.bundled.BundledMusic#load()}.
 */
package org.attentionsuite.music.bundled;
