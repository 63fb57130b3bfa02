// Sentences of a text as byte spans, split the way the tagger splits them
// (so a digest bullet quotes the same sentence a theme's evidence does).
#ifndef CASELENS_ANALYSIS_SENTENCES_H_
#define CASELENS_ANALYSIS_SENTENCES_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace caselens::analysis {

struct TextSpan {
  std::size_t begin = 0;  // byte offsets into the text, half-open
  std::size_t end = 0;
};

// The sentences of text[begin, end): each from its first word to its last
// word and the closing punctuation (". ) \"") right after it.  A sentence
// ends at . ! ? followed by a space (not after "Mr", "Dr", a single
// letter, ...), at a tab or at a bullet character.  Text without words has
// no sentences.
std::vector<TextSpan> sentence_spans(std::string_view text, std::size_t begin,
                                     std::size_t end);

}  // namespace caselens::analysis

#endif  // CASELENS_ANALYSIS_SENTENCES_H_
