#include "query/synonyms.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace caselens::query {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> words;
  std::istringstream in{std::string(s)};
  for (std::string w; in >> w;) words.push_back(lower(w));
  return words;
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

bool is_operator(const std::string& word) {
  static const char* const kOps[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  for (const char* op : kOps) {
    if (word == op || word.rfind(std::string(op) + "/", 0) == 0) return true;
  }
  return false;
}

// NEAR and ADJ (with or without "/N"): Xapian takes only single terms as
// their operands, so a group in brackets next to one is a syntax error, on
// which Xapian's parser silently reparses the query as plain words.
bool is_proximity_operator(const std::string& word) {
  for (const char* op : {"NEAR", "ADJ"}) {
    if (word == op || word.rfind(std::string(op) + "/", 0) == 0) return true;
  }
  return false;
}

// A word that may be part of a synonym: no field prefix, no operator, no
// love/hate/wildcard markers, no range.
bool is_plain_word(const std::string& word) {
  if (word.empty() || is_operator(word)) return false;
  if (word[0] == '+' || word[0] == '-') return false;
  return word.find_first_of(":*") == std::string::npos &&
         word.find("..") == std::string::npos;
}

struct Token {
  enum Kind { kWord, kPhrase, kOther } kind;
  std::string text;  // as typed (a phrase includes its quotes)
  // Whitespace before it in the query.  Kept as typed, because a token
  // written against the one before is bound to it: -"a b", title:(a b).
  bool spaced = false;
};

std::vector<Token> tokenize(std::string_view q) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < q.size()) {
    const char c = q[i];
    const bool spaced = i > 0 && std::isspace(static_cast<unsigned char>(q[i - 1]));
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '"') {
      const auto close = q.find('"', i + 1);
      const std::size_t end = close == std::string_view::npos ? q.size() : close + 1;
      tokens.push_back({Token::kPhrase, std::string(q.substr(i, end - i)), spaced});
      i = end;
    } else if (c == '(' || c == ')') {
      tokens.push_back({Token::kOther, std::string(1, c), spaced});
      ++i;
    } else {
      std::size_t end = i;
      while (end < q.size() && !std::isspace(static_cast<unsigned char>(q[end])) &&
             q[end] != '(' && q[end] != ')' && q[end] != '"') {
        ++end;
      }
      std::string word(q.substr(i, end - i));
      // A field prefix binds what follows it ("title:" "\"hidden men\"").
      const bool prefix_of_next = !word.empty() && word.back() == ':';
      tokens.push_back({is_plain_word(word) && !prefix_of_next ? Token::kWord
                                                               : Token::kOther,
                        word, spaced});
      if (prefix_of_next && end < q.size() && q[end] == '"') {
        const auto close = q.find('"', end + 1);
        const std::size_t stop = close == std::string_view::npos ? q.size() : close + 1;
        tokens.back().text += std::string(q.substr(end, stop - end));
        end = stop;
      }
      i = end;
    }
  }
  return tokens;
}

std::string quoted(const std::vector<std::string>& words) {
  if (words.size() == 1) return words[0];
  std::string s = "\"";
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) s += ' ';
    s += words[i];
  }
  return s + "\"";
}

}  // namespace

Result<Synonyms> Synonyms::load(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) {
    return Error{ErrorKind::kUsage, path.string() + ": cannot read synonyms file"};
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return parse(buf.str(), path.string());
}

Result<Synonyms> Synonyms::parse(std::string_view text, const std::string& where) {
  Synonyms s;
  std::istringstream in{std::string(text)};
  int lineno = 0;
  for (std::string line; std::getline(in, line);) {
    ++lineno;
    line = trim(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    std::vector<std::vector<std::string>> group;
    std::istringstream parts(line);
    for (std::string part; std::getline(parts, part, '|');) {
      auto words = split_words(part);
      if (!words.empty()) group.push_back(std::move(words));
    }
    if (group.size() < 2) {
      return Error{ErrorKind::kUsage, where + ":" + std::to_string(lineno) +
                                          ": a synonym group needs at least two "
                                          "variants separated by '|'"};
    }
    for (std::size_t v = 0; v < group.size(); ++v) {
      s.by_first_word_.emplace(group[v][0], std::make_pair(s.groups_.size(), v));
    }
    s.groups_.push_back(std::move(group));
  }
  return s;
}

std::string Synonyms::expand(std::string_view query) const {
  const std::vector<Token> tokens = tokenize(query);
  auto alternatives = [&](std::size_t group) {
    std::string s = "(";
    for (std::size_t v = 0; v < groups_[group].size(); ++v) {
      if (v) s += " OR ";
      s += quoted(groups_[group][v]);
    }
    return s + ")";
  };

  // Tokens [begin, end) are an operand of NEAR or ADJ: left as typed.
  auto proximity_operand = [&](std::size_t begin, std::size_t end) {
    return (begin > 0 && is_proximity_operator(tokens[begin - 1].text)) ||
           (end < tokens.size() && is_proximity_operator(tokens[end].text));
  };
  std::string out;
  auto emit = [&](const std::string& piece, bool spaced) {
    if (!out.empty() && spaced) out += ' ';
    out += piece;
  };
  for (std::size_t i = 0; i < tokens.size();) {
    const Token& t = tokens[i];
    if (t.kind == Token::kPhrase) {
      std::string_view inner(t.text);
      inner.remove_prefix(1);
      if (!inner.empty() && inner.back() == '"') inner.remove_suffix(1);
      const auto words = split_words(inner);
      std::size_t found = groups_.size();
      if (!words.empty()) {
        auto [b, e] = by_first_word_.equal_range(words[0]);
        for (auto it = b; it != e; ++it) {
          if (groups_[it->second.first][it->second.second] == words) found = it->second.first;
        }
      }
      if (proximity_operand(i, i + 1)) found = groups_.size();
      emit(found < groups_.size() ? alternatives(found) : t.text, t.spaced);
      ++i;
      continue;
    }
    if (t.kind != Token::kWord) {
      emit(t.text, t.spaced);
      ++i;
      continue;
    }
    // Longest variant that starts at this word.
    std::size_t best_group = groups_.size();
    std::size_t best_len = 0;
    auto [b, e] = by_first_word_.equal_range(lower(t.text));
    for (auto it = b; it != e; ++it) {
      const auto& variant = groups_[it->second.first][it->second.second];
      if (variant.size() <= best_len || i + variant.size() > tokens.size()) continue;
      bool match = true;
      for (std::size_t k = 0; k < variant.size() && match; ++k) {
        match = tokens[i + k].kind == Token::kWord && lower(tokens[i + k].text) == variant[k];
      }
      if (match) {
        best_group = it->second.first;
        best_len = variant.size();
      }
    }
    if (best_len == 0 || proximity_operand(i, i + best_len)) {
      emit(t.text, t.spaced);
      ++i;
    } else {
      emit(alternatives(best_group), t.spaced);
      i += best_len;
    }
  }
  return out;
}

std::vector<std::string> Synonyms::variants(std::string_view phrase) const {
  const auto words = split_words(phrase);
  if (words.empty()) return {};
  auto [b, e] = by_first_word_.equal_range(words[0]);
  for (auto it = b; it != e; ++it) {
    const auto& group = groups_[it->second.first];
    if (group[it->second.second] != words) continue;
    std::vector<std::string> out;
    for (const auto& variant : group) {
      std::string joined;
      for (const auto& w : variant) joined += (joined.empty() ? "" : " ") + w;
      out.push_back(std::move(joined));
    }
    return out;
  }
  return {};
}

Status check_query_syntax(std::string_view query) {
  int depth = 0;
  bool in_quote = false;
  std::size_t quote_at = 0;
  for (std::size_t i = 0; i < query.size(); ++i) {
    const char c = query[i];
    if (c == '"') {
      in_quote = !in_quote;
      quote_at = i;
    } else if (!in_quote && c == '(') {
      ++depth;
    } else if (!in_quote && c == ')') {
      if (--depth < 0) {
        return Error{ErrorKind::kQuery,
                     "query '" + std::string(query) + "': unmatched ')' at character " +
                         std::to_string(i + 1)};
      }
    }
  }
  if (in_quote) {
    return Error{ErrorKind::kQuery, "query '" + std::string(query) +
                                        "': unbalanced quote opened at character " +
                                        std::to_string(quote_at + 1)};
  }
  if (depth > 0) {
    return Error{ErrorKind::kQuery,
                 "query '" + std::string(query) + "': unclosed '(' (" +
                     std::to_string(depth) + " missing ')')"};
  }
  return Ok{};
}

}  // namespace caselens::query
