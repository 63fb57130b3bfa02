#include "query/similar.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "indexer/schema.h"
#include "query/search.h"
#include "query/terms.h"

namespace caselens::query {
Result<SimilarResult> similar_reviews(const Xapian::Database& db, const std::string& id,
                                      std::size_t limit, std::size_t expansion_terms) {
  auto source = get_review(db, id);
  if (!source.ok()) return source.error();
  SimilarResult result;
  result.source = *source;
  try {
    const std::string qterm = schema::term(schema::kUniqueId, id);
    const Xapian::docid source_docid = *db.postlist_begin(qterm);
    Xapian::Enquire enquire(db);
    Xapian::RSet rset;
    rset.add_document(source_docid);
    WordTermDecider decider;
    Xapian::ESet eset = enquire.get_eset(static_cast<Xapian::termcount>(expansion_terms), rset,
                                         kExpandFlags, &decider);
    std::vector<Xapian::Query> terms;
    for (auto it = eset.begin(); it != eset.end(); ++it) {
      result.terms.push_back(*it);
      terms.emplace_back(*it);
    }
    const Xapian::Query reviews(schema::term(schema::kKind, schema::kKindReview));
    const Xapian::Query query(
        Xapian::Query::OP_AND_NOT,
        Xapian::Query(Xapian::Query::OP_FILTER,
                      Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()), reviews),
        Xapian::Query(qterm));
    enquire.set_query(query);
    rank_ties_by_review(enquire);
    // Score every review, then re-rank by text and themes together.
    Xapian::MSet mset = enquire.get_mset(0, db.get_termfreq(schema::term(schema::kKind, schema::kKindReview)));
    const double best = mset.empty() ? 1 : std::max(mset.begin().get_weight(), 1e-9);
    const std::set<std::string> mine(source->themes.begin(), source->themes.end());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      auto review = review_from_document(it.get_document());
      if (!review.ok()) return review.error();
      SimilarReview s;
      s.review = std::move(*review);
      s.text_score = it.get_weight() / best;
      std::set<std::string> theirs(s.review.themes.begin(), s.review.themes.end());
      std::set<std::string> either = mine;
      either.insert(theirs.begin(), theirs.end());
      for (const auto& t : s.review.themes) {
        if (mine.count(t)) s.shared_themes.push_back(t);
      }
      s.theme_jaccard = either.empty() ? 0 : static_cast<double>(s.shared_themes.size()) / either.size();
      s.score = (s.text_score + s.theme_jaccard) / 2;
      result.reviews.push_back(std::move(s));
    }
  } catch (const Xapian::Error& e) {
    return Error{ErrorKind::kDatabase, "similar: " + e.get_description()};
  }
  // Scores from several shards can differ from a single index's in the
  // last bits (sums taken in another order): compared to 12 places, equal
  // scores ranked by review id, the order is the same.
  auto key = [](const SimilarReview& r) { return std::llround(r.score * 1e12); };
  std::sort(result.reviews.begin(), result.reviews.end(),
            [&](const SimilarReview& a, const SimilarReview& b) {
              return key(a) != key(b) ? key(a) > key(b) : a.review.id < b.review.id;
            });
  if (result.reviews.size() > limit) result.reviews.resize(limit);
  return result;
}

}  // namespace caselens::query
