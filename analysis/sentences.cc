#include "analysis/sentences.h"

#include <algorithm>

#include "analysis/match.h"

namespace caselens::analysis {

std::vector<TextSpan> sentence_spans(std::string_view text, std::size_t begin,
                                     std::size_t end) {
  end = std::min(end, text.size());
  std::vector<internal::Token> tokens;
  if (begin < end) internal::tokenize(text, begin, end, U"", tokens);
  std::vector<TextSpan> out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const internal::Token& token = tokens[i];
    if (i == 0 || tokens[i - 1].sentence != token.sentence) {
      out.push_back({token.begin, token.end});
    }
    // Closing punctuation may not run past the range asked for.
    out.back().end =
        std::min(internal::extend_over_closing(text, token.end), end);
  }
  return out;
}

}  // namespace caselens::analysis
