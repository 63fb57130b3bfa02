// Slugs: stable ASCII identifiers made from names, for ids and exact terms.
#ifndef CASELENS_CORPUS_SLUG_H_
#define CASELENS_CORPUS_SLUG_H_

#include <string>
#include <string_view>

namespace caselens::corpus {

// Lower-case ASCII letters and digits joined by single '-': accents are
// folded ("Ynys Môn" -> "ynys-mon"), other characters become separators,
// "Child E (Steven)" -> "child-e-steven".  Empty for text with no letters
// or digits.
std::string slugify(std::string_view text);

}  // namespace caselens::corpus

#endif  // CASELENS_CORPUS_SLUG_H_
