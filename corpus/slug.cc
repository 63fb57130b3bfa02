#include "corpus/slug.h"

#include <memory>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace caselens::corpus {

std::string slugify(std::string_view text) {
  // NFD splits accented letters into base letter + combining marks; the
  // marks are then dropped, folding "ô" to "o".
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString decomposed =
      U_SUCCESS(status) ? nfd->normalize(source, status) : source;
  if (U_FAILURE(status)) decomposed = source;

  std::string slug;
  bool pending_dash = false;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) {
      continue;
    }
    c = u_tolower(c);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (pending_dash && !slug.empty()) slug += '-';
      pending_dash = false;
      slug += static_cast<char>(c);
    } else {
      pending_dash = true;
    }
  }
  return slug;
}

}  // namespace caselens::corpus
