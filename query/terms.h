// What distinguishes the reviews a request selects from the rest of the
// index: log-likelihood keyness of words (with Log Ratio effect size), and
// Xapian's expansion terms (ESet) for the same reviews.
#ifndef CASELENS_QUERY_TERMS_H_
#define CASELENS_QUERY_TERMS_H_

#include <cctype>
#include <cstddef>
#include <string>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "analysis/statistics.h"
#include "corpus/error.h"
#include "query/search.h"
#include "query/synonyms.h"

namespace caselens::query {

// Words are the indexed unstemmed words of review texts (not field terms).
// Reading every review's term list, so the cost grows with the index.
inline bool is_word_term(const std::string& term) {
  return !term.empty() && (std::islower(static_cast<unsigned char>(term[0])) ||
                           std::isdigit(static_cast<unsigned char>(term[0])) ||
                           static_cast<unsigned char>(term[0]) >= 0x80);
}

// Flags for Enquire::get_eset: over several databases (shards), Xapian
// otherwise estimates term frequencies, and the expansion terms and their
// weights would differ from those of a single index.
inline constexpr int kExpandFlags = Xapian::Enquire::USE_EXACT_TERMFREQ;

// An ExpandDecider keeping word terms of three letters or more.
class WordTermDecider : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    return is_word_term(term) && term.size() > 2;
  }
};

struct KeyTerm {
  std::string term;
  std::size_t target_freq = 0;     // in the matching reviews
  std::size_t reference_freq = 0;  // in the other reviews
  analysis::Keyness keyness;
};

struct ExpansionTerm {
  std::string term;
  double weight = 0;
};

struct TermsResult {
  std::size_t target_reviews = 0;
  std::size_t reference_reviews = 0;
  std::size_t target_words = 0;
  std::size_t reference_words = 0;
  std::vector<KeyTerm> key_terms;        // over-used in the target, by G2
  std::vector<ExpansionTerm> expansion;  // Xapian's ESet, by weight
};

struct TermsRequest {
  SearchRequest scope;  // the target reviews (passages not allowed)
  std::unordered_set<std::string> stopwords;  // words left out (lower case)
  std::size_t limit = 25;
  std::size_t min_freq = 3;  // words rarer in the target are left out
};

// Errors: kUsage when the query matches no review or every review (nothing
// to compare with); as search() otherwise.
Result<TermsResult> distinctive_terms(const Xapian::Database& db, const TermsRequest& request,
                                      const Synonyms& synonyms);

}  // namespace caselens::query

#endif  // CASELENS_QUERY_TERMS_H_
