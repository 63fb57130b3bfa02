#include "query/terms.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "indexer/schema.h"

namespace caselens::query {
Result<TermsResult> distinctive_terms(const Xapian::Database& db, const TermsRequest& request,
                                      const Synonyms& synonyms) {
  if (request.scope.passages) {
    return Error{ErrorKind::kUsage, "terms compares reviews; --passages is not supported"};
  }
  auto query = scope_query(db, request.scope, synonyms);
  if (!query.ok()) return query.error();
  TermsResult result;
  try {
    Xapian::Enquire enquire(db);
    enquire.set_query(*query);
    rank_ties_by_review(enquire);  // the best matches steer the ESet
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    std::unordered_set<Xapian::docid> target;
    Xapian::RSet rset;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      target.insert(*it);
      if (rset.size() < 100) rset.add_document(*it);  // the best matches steer the ESet
    }
    const std::string kind = schema::term(schema::kKind, schema::kKindReview);
    result.target_reviews = target.size();
    result.reference_reviews = db.get_termfreq(kind) - target.size();
    if (result.target_reviews == 0) {
      return Error{ErrorKind::kUsage, "terms: no review matches '" + request.scope.query + "'"};
    }
    if (result.reference_reviews == 0) {
      return Error{ErrorKind::kUsage,
                   "terms: every review matches, so there is nothing to compare with"};
    }
    // Word frequencies in the target and in the other reviews.
    std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> freq;
    for (auto d = db.postlist_begin(kind); d != db.postlist_end(kind); ++d) {
      const bool in_target = target.count(*d) > 0;
      for (auto t = db.termlist_begin(*d); t != db.termlist_end(*d); ++t) {
        const std::string term = *t;
        if (!is_word_term(term) || term.size() < 3 || request.stopwords.count(term)) continue;
        auto& f = freq[term];
        (in_target ? f.first : f.second) += t.get_wdf();
        (in_target ? result.target_words : result.reference_words) += t.get_wdf();
      }
    }
    for (const auto& [term, f] : freq) {
      if (f.first < request.min_freq) continue;
      KeyTerm k{term, f.first, f.second,
                analysis::log_likelihood_keyness(f.first, result.target_words, f.second,
                                                 result.reference_words)};
      if (k.keyness.overused) result.key_terms.push_back(std::move(k));
    }
    std::sort(result.key_terms.begin(), result.key_terms.end(),
              [](const KeyTerm& a, const KeyTerm& b) {
                return a.keyness.g2 != b.keyness.g2 ? a.keyness.g2 > b.keyness.g2
                                                    : a.term < b.term;
              });
    if (result.key_terms.size() > request.limit) result.key_terms.resize(request.limit);

    WordTermDecider decider;
    Xapian::ESet eset =
        enquire.get_eset(static_cast<Xapian::termcount>(request.limit), rset, kExpandFlags,
                         &decider);
    for (auto it = eset.begin(); it != eset.end(); ++it) {
      result.expansion.push_back({*it, it.get_weight()});
    }
  } catch (const Xapian::Error& e) {
    return Error{ErrorKind::kDatabase, "terms: " + e.get_description()};
  }
  return result;
}

}  // namespace caselens::query
