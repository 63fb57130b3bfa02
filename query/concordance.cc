#include "query/concordance.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include <rapidjson/document.h>

#include "query/review.h"

namespace caselens::query {
namespace {

struct Word {
  std::size_t begin, end;
  std::string stem;
};

bool is_word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80 || c == '\''; }

// The words of `text` with their byte offsets and stems (lower-cased).
std::vector<Word> words_of(const std::string& text, const Xapian::Stem& stem) {
  std::vector<Word> words;
  for (std::size_t i = 0; i < text.size();) {
    if (!is_word_byte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && is_word_byte(static_cast<unsigned char>(text[end]))) ++end;
    std::string lower = text.substr(i, end - i);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    words.push_back({i, end, stem(lower)});
    i = end;
  }
  return words;
}

// Moves back to the start of a UTF-8 character.
std::size_t char_start(const std::string& s, std::size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

std::string one_line(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  }
  return s;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The left context read from the keyword outwards, for sorting by the
// nearest word first.
std::string left_key(const std::string& left) {
  std::vector<std::string> words;
  std::string word;
  for (char c : lower(left)) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(word);
  std::string key;
  for (auto it = words.rbegin(); it != words.rend(); ++it) key += *it + " ";
  return key;
}

}  // namespace

Result<Concordance> concordance(const Xapian::Database& db, const ConcordanceRequest& request,
                                const Synonyms& synonyms) {
  if (request.sort != "position" && request.sort != "left" && request.sort != "right") {
    return Error{ErrorKind::kUsage,
                 "--sort '" + request.sort + "': expected position, left or right"};
  }
  const Xapian::Stem stem("english");
  std::vector<std::string> needle;
  for (const auto& w : words_of(request.term, stem)) needle.push_back(w.stem);
  if (needle.empty()) return Error{ErrorKind::kUsage, "kwic: no word to look for in '" + request.term + "'"};

  // Candidate passages: those with all the term's words (by stem) within
  // the scope; the words are then matched in sequence below.
  SearchRequest scope = request.scope;
  scope.passages = true;
  std::string term_query;
  for (const auto& w : words_of(request.term, Xapian::Stem())) {
    term_query += (term_query.empty() ? "" : " ") + request.term.substr(w.begin, w.end - w.begin);
  }
  term_query = "(" + lower(term_query) + ")";
  scope.query = scope.query.find_first_not_of(" \t") == std::string::npos
                    ? term_query
                    : "(" + scope.query + ") AND " + term_query;
  auto query = scope_query(db, scope, synonyms);
  if (!query.ok()) return query.error();

  Concordance result;
  try {
    Xapian::Enquire enquire(db);
    enquire.set_query(*query);
    order_by_review(enquire);
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    std::unordered_map<std::string, std::string> titles;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      rapidjson::Document data;
      const std::string raw = it.get_document().get_data();
      data.Parse(raw.c_str(), raw.size());
      if (data.HasParseError() || !data.IsObject() || !data.HasMember("text")) continue;
      const std::string text = data["text"].GetString();
      const std::string review = data["review"].GetString();
      const std::size_t base = data["begin"].GetUint64();
      const auto words = words_of(text, stem);
      for (std::size_t i = 0; i + needle.size() <= words.size(); ++i) {
        bool match = true;
        for (std::size_t k = 0; k < needle.size() && match; ++k) match = words[i + k].stem == needle[k];
        if (!match) continue;
        ++result.total;
        if (result.lines.size() >= request.limit) continue;
        const std::size_t kb = words[i].begin, ke = words[i + needle.size() - 1].end;
        // Contexts of about `width` characters, cut at word boundaries.
        std::size_t lb = char_start(text, kb > request.width ? kb - request.width : 0);
        if (lb > 0 && is_word_byte(static_cast<unsigned char>(text[lb - 1]))) {
          while (lb < kb && is_word_byte(static_cast<unsigned char>(text[lb]))) ++lb;
        }
        std::size_t re = char_start(text, std::min(text.size(), ke + request.width));
        if (re < text.size() && is_word_byte(static_cast<unsigned char>(text[re]))) {
          while (re > ke && is_word_byte(static_cast<unsigned char>(text[re - 1]))) --re;
        }
        ConcordanceLine line;
        line.left = one_line(text.substr(lb, kb - lb));
        line.keyword = text.substr(kb, ke - kb);
        line.right = one_line(text.substr(ke, re - ke));
        line.review = review;
        line.passage = data["id"].GetString();
        line.section = data["section"].GetString();
        line.begin = base + kb;
        auto cached = titles.find(review);
        if (cached == titles.end()) {
          auto record = get_review(db, review);
          cached = titles.emplace(review, record.ok() ? record->title : "").first;
        }
        line.title = cached->second;
        result.lines.push_back(std::move(line));
      }
    }
  } catch (const Xapian::Error& e) {
    return Error{ErrorKind::kDatabase, "kwic: " + e.get_description()};
  }
  if (request.sort == "left") {
    std::stable_sort(result.lines.begin(), result.lines.end(),
                     [](const ConcordanceLine& a, const ConcordanceLine& b) {
                       return left_key(a.left) < left_key(b.left);
                     });
  } else if (request.sort == "right") {
    std::stable_sort(result.lines.begin(), result.lines.end(),
                     [](const ConcordanceLine& a, const ConcordanceLine& b) {
                       return lower(a.right) < lower(b.right);
                     });
  }
  return result;
}

}  // namespace caselens::query
