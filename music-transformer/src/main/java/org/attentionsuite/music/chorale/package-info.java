/**
 * The JSB chorales in Coconet's 16th-note SATB grid ({@code Jsb16thSeparated.json}) and the
 * Music Transformer's token serialization of it (soprano, alto, tenor, bass per step; section
 * 4.1 of Huang et al. 2018).
 */
package org.attentionsuite.music.chorale;
