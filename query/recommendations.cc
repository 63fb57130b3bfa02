#include "query/recommendations.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <rapidjson/document.h>

#include "query/review.h"

namespace caselens::query {
namespace {

// Words that carry no content in a recommendation.
const std::unordered_set<std::string>& stopwords() {
  static const std::unordered_set<std::string> kWords = {
      "a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "has", "have",
      "in", "is", "it", "its", "of", "on", "or", "that", "the", "their", "there", "this",
      "to", "was", "were", "which", "will", "with", "should", "must", "all", "any", "can",
      "ensure", "recommendation", "recommendations", "learning", "lessons", "lesson"};
  return kWords;
}

// Stemmed content words of a statement.
std::vector<std::string> content_words(const std::string& text, const Xapian::Stem& stem) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (word.size() > 1 && !std::isdigit(static_cast<unsigned char>(word[0])) &&
        !stopwords().count(word)) {
      words.push_back(stem(word));
    }
    word.clear();
  };
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      word += static_cast<char>(std::tolower(u));
    } else {
      flush();
    }
  }
  flush();
  return words;
}

using Vector = std::vector<std::pair<std::size_t, double>>;  // sorted by word id

double cosine(const Vector& a, const Vector& b) {
  double dot = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i].first == b[j].first) {
      dot += a[i++].second * b[j++].second;
    } else if (a[i].first < b[j].first) {
      ++i;
    } else {
      ++j;
    }
  }
  return dot;  // vectors are unit length
}

std::size_t find(std::vector<std::size_t>& parent, std::size_t x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

}  // namespace

Result<RecommendationsResult> recurring_recommendations(const Xapian::Database& db,
                                                        const RecommendationsRequest& request,
                                                        const Synonyms& synonyms) {
  SearchRequest scope = request.scope;
  scope.passages = true;
  const std::string sections = "(section:recommend* OR section:learn* OR section:lesson*)";
  scope.query = scope.query.find_first_not_of(" \t") == std::string::npos
                    ? sections
                    : "(" + scope.query + ") AND " + sections;
  auto query = scope_query(db, scope, synonyms);
  if (!query.ok()) return query.error();

  RecommendationsResult result;
  result.threshold = request.threshold;
  std::vector<Statement> statements;
  std::vector<std::vector<std::string>> words;
  const Xapian::Stem stem("english");
  try {
    Xapian::Enquire enquire(db);
    enquire.set_query(*query);
    order_by_review(enquire);
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    std::unordered_map<std::string, std::string> dates;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      rapidjson::Document data;
      const std::string raw = it.get_document().get_data();
      data.Parse(raw.c_str(), raw.size());
      if (data.HasParseError() || !data.IsObject() || !data.HasMember("text")) continue;
      Statement s{data["id"].GetString(), data["review"].GetString(), "",
                  data["section"].GetString(), data["text"].GetString()};
      if (s.text.find("www.") != std::string::npos || s.text.find("://") != std::string::npos) {
        continue;
      }
      auto w = content_words(s.text, stem);
      if (w.size() < request.min_words) continue;
      auto cached = dates.find(s.review);
      if (cached == dates.end()) {
        auto review = get_review(db, s.review);
        cached = dates.emplace(s.review, review.ok() ? review->date : "").first;
      }
      s.date = cached->second;
      statements.push_back(std::move(s));
      words.push_back(std::move(w));
    }
  } catch (const Xapian::Error& e) {
    return Error{ErrorKind::kDatabase, "recommendations: " + e.get_description()};
  }
  const std::size_t n = statements.size();
  result.statements = n;

  // TF-IDF unit vectors.
  std::unordered_map<std::string, std::size_t> word_id;
  std::vector<std::size_t> df;
  std::vector<std::map<std::size_t, double>> tf(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto& w : words[i]) {
      auto [it, added] = word_id.emplace(w, word_id.size());
      if (added) df.push_back(0);
      if (tf[i][it->second]++ == 0) ++df[it->second];
    }
  }
  std::vector<Vector> vectors(n);
  for (std::size_t i = 0; i < n; ++i) {
    double norm = 0;
    for (const auto& [id, count] : tf[i]) {
      const double weight = (1 + std::log(count)) * std::log(1.0 + static_cast<double>(n) / df[id]);
      vectors[i].emplace_back(id, weight);
      norm += weight * weight;
    }
    norm = std::sqrt(norm);
    for (auto& [id, weight] : vectors[i]) weight = norm > 0 ? weight / norm : 0;
  }

  // Link similar statements; groups are connected components.
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  std::vector<std::vector<std::pair<std::size_t, double>>> links(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const double sim = cosine(vectors[i], vectors[j]);
      if (sim >= request.threshold) {
        parent[find(parent, i)] = find(parent, j);
        links[i].emplace_back(j, sim);
        links[j].emplace_back(i, sim);
      }
    }
  }
  std::map<std::size_t, std::vector<std::size_t>> components;
  for (std::size_t i = 0; i < n; ++i) components[find(parent, i)].push_back(i);
  result.groups = components.size();

  std::vector<RecommendationGroup> groups;
  for (const auto& [root, members] : components) {
    RecommendationGroup g;
    std::size_t best = members[0];
    double best_mean = -1;
    for (std::size_t m : members) {
      double total = 0;
      for (const auto& [other, sim] : links[m]) total += sim;
      const double mean = members.size() > 1 ? total / (members.size() - 1) : 0;
      if (mean > best_mean) {
        best_mean = mean;
        best = m;
      }
      g.members.push_back(statements[m]);
    }
    g.representative = statements[best];
    std::sort(g.members.begin(), g.members.end(),
              [](const Statement& a, const Statement& b) { return a.date < b.date; });
    for (const auto& m : g.members) {
      if (std::find(g.reviews.begin(), g.reviews.end(), m.review) == g.reviews.end()) {
        g.reviews.push_back(m.review);
      }
    }
    groups.push_back(std::move(g));
  }
  std::stable_sort(groups.begin(), groups.end(),
                   [](const RecommendationGroup& a, const RecommendationGroup& b) {
                     if (a.reviews.size() != b.reviews.size()) return a.reviews.size() > b.reviews.size();
                     return a.members.size() > b.members.size();
                   });
  if (groups.size() > request.limit) groups.resize(request.limit);
  result.top = std::move(groups);
  return result;
}

}  // namespace caselens::query
