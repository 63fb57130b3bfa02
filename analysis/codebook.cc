#include "analysis/codebook.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <utility>

#include "analysis/match.h"

#ifndef CASELENS_DEFAULT_CODEBOOK
#define CASELENS_DEFAULT_CODEBOOK "data/codebook.json"
#endif

namespace caselens::analysis {
namespace {

using internal::Atom;
using internal::PatternWord;
using internal::Token;
using internal::WordKind;
using Json = rapidjson::Value;

std::size_t line_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::size_t>(
                 std::count(text.begin(), text.begin() + offset, '\n'));
}

// Finds the line where a theme, a rule key inside it, or a phrase inside
// that appears in the source text, as precisely as the text allows.  The
// DOM keeps no offsets, so this searches for the quoted strings in order.
class Locator {
 public:
  explicit Locator(std::string_view text) : text_(text) {}

  std::size_t line(const std::string& theme_id, const std::string& key = "",
                   const std::string& phrase = "") const {
    std::size_t at = 0;
    if (!theme_id.empty()) at = find_after(0, "\"" + theme_id + "\"");
    if (!key.empty()) at = find_after(at, "\"" + key + "\"");
    if (!phrase.empty()) at = find_after(at, "\"" + phrase + "\"");
    return line_at(text_, at);
  }

 private:
  std::size_t find_after(std::size_t from, const std::string& needle) const {
    const std::size_t found = text_.find(needle, from);
    return found == std::string_view::npos ? from : found;
  }
  std::string_view text_;
};

// Why `phrase` cannot be matched, or "" when it can.
std::string phrase_problem(std::string_view phrase) {
  std::vector<Token> tokens;
  tokenize(phrase, 0, phrase.size(), U"", tokens);
  if (tokens.empty()) return "has no words";
  if (tokens.size() > 1 && tokens.front().sentence != tokens.back().sentence) {
    return "spans a sentence break, so it can never match";
  }
  return "";
}

class Parser {
 public:
  Parser(std::string_view json, const std::string& source, bool extension)
      : json_(json), source_(source), extension_(extension), locate_(json) {}

  Result<CodebookSpec> parse() {
    rapidjson::Document doc;
    doc.Parse(json_.data(), json_.size());
    if (doc.HasParseError()) {
      return fail(line_at(json_, doc.GetErrorOffset()),
                  std::string("invalid JSON: ") +
                      rapidjson::GetParseError_En(doc.GetParseError()));
    }
    if (!doc.IsObject()) return fail(1, "the codebook must be a JSON object");
    CodebookSpec spec;
    for (auto& member : doc.GetObject()) {
      const std::string key = member.name.GetString();
      const Json& value = member.value;
      if (is_comment(key)) continue;
      std::optional<Error> error;
      if (key == "codebook_version") {
        error = read_int(value, key, 1, "", spec.version);
      } else if (key == "present") {
        error = read_present(value, spec);
      } else if (key == "weights") {
        error = read_weights(value, spec);
      } else if (key == "negation") {
        error = read_negation(value, spec.negation);
      } else if (key == "themes") {
        error = read_themes(value, spec.themes);
      } else {
        error = unknown_key(key, "", "the top level");
      }
      if (error) return *error;
    }
    if (!extension_ && spec.themes.empty()) {
      return fail(1, "no \"themes\": a codebook needs at least one theme");
    }
    return spec;
  }

 private:
  static bool is_comment(const std::string& key) {
    return !key.empty() && key[0] == '_';
  }

  Error fail(std::size_t line, const std::string& what) const {
    return Error{ErrorKind::kUsage,
                 source_ + ":" + std::to_string(line) + ": " + what};
  }

  Error fail_at(const std::string& theme, const std::string& key,
                const std::string& what, const std::string& phrase = "") const {
    const std::string where =
        theme.empty() ? "" : "theme \"" + theme + "\": ";
    return fail(locate_.line(theme, key, phrase), where + what);
  }

  Error unknown_key(const std::string& key, const std::string& theme,
                    const std::string& where) const {
    return fail_at(theme, key,
                   "unknown field \"" + key + "\" in " + where +
                       " (fields starting with \"_\" are comments)");
  }

  std::optional<Error> read_int(const Json& value, const std::string& key,
                                int minimum, const std::string& theme,
                                int& out) const {
    if (!value.IsInt() || value.GetInt() < minimum) {
      return fail_at(theme, key,
                     "\"" + key + "\" must be a whole number of at least " +
                         std::to_string(minimum));
    }
    out = value.GetInt();
    return std::nullopt;
  }

  std::optional<Error> read_weight(const Json& value, const std::string& key,
                                   const std::string& theme,
                                   double& out) const {
    if (!value.IsNumber() || value.GetDouble() <= 0) {
      return fail_at(theme, key,
                     "\"" + key + "\" must be a number greater than 0");
    }
    out = value.GetDouble();
    return std::nullopt;
  }

  std::optional<Error> read_bool(const Json& value, const std::string& key,
                                 const std::string& theme, bool& out) const {
    if (!value.IsBool()) {
      return fail_at(theme, key, "\"" + key + "\" must be true or false");
    }
    out = value.GetBool();
    return std::nullopt;
  }

  std::optional<Error> read_string(const Json& value, const std::string& key,
                                   const std::string& theme,
                                   std::string& out) const {
    if (!value.IsString()) {
      return fail_at(theme, key, "\"" + key + "\" must be a string");
    }
    out = value.GetString();
    return std::nullopt;
  }

  // A list of phrases; each must be matchable unless `words_only` is false
  // and the entries are plain strings (definitions, punctuation).
  std::optional<Error> read_phrases(const Json& value, const std::string& key,
                                    const std::string& theme,
                                    std::vector<std::string>& out) const {
    if (!value.IsArray()) {
      return fail_at(theme, key,
                     "\"" + key + "\" must be a list of phrases in [ ]");
    }
    for (const Json& item : value.GetArray()) {
      if (!item.IsString()) {
        return fail_at(theme, key,
                       "\"" + key + "\" must contain only phrases in quotes");
      }
      std::string phrase = item.GetString();
      const std::string problem = phrase_problem(phrase);
      if (!problem.empty()) {
        return fail_at(theme, key,
                       "\"" + key + "\": phrase \"" + phrase + "\" " + problem,
                       phrase);
      }
      out.push_back(std::move(phrase));
    }
    return std::nullopt;
  }

  // A list of single words (clause and name words).
  std::optional<Error> read_words(const Json& value, const std::string& key,
                                  std::vector<std::string>& out) const {
    if (auto error = read_phrases(value, key, "", out)) return error;
    for (const std::string& word : out) {
      std::vector<Token> tokens;
      tokenize(word, 0, word.size(), U"", tokens);
      if (tokens.size() != 1) {
        return fail_at("", key,
                       "\"" + key + "\": \"" + word + "\" must be one word",
                       word);
      }
    }
    return std::nullopt;
  }

  std::optional<Error> read_present(const Json& value, CodebookSpec& spec) {
    if (!value.IsObject()) return fail_at("", "present", "\"present\" must be an object");
    for (auto& member : value.GetObject()) {
      const std::string key = member.name.GetString();
      if (is_comment(key)) continue;
      double* target = key == "min_score"        ? &spec.min_score
                       : key == "per_1000_words" ? &spec.per_1000_words
                                                 : nullptr;
      if (!target) return unknown_key(key, "", "\"present\"");
      if (auto error = read_weight(member.value, key, "", *target)) {
        return error;
      }
    }
    return std::nullopt;
  }

  std::optional<Error> read_weights(const Json& value, CodebookSpec& spec) {
    if (!value.IsObject()) return fail_at("", "weights", "\"weights\" must be an object");
    for (auto& member : value.GetObject()) {
      const std::string key = member.name.GetString();
      if (is_comment(key)) continue;
      if (key == "weak_repeat") {
        // 0 is allowed here: a repeat may count nothing.
        if (!member.value.IsNumber() || member.value.GetDouble() < 0) {
          return fail_at("", key,
                         "\"weak_repeat\" must be a number of at least 0");
        }
        spec.weak_repeat_weight = member.value.GetDouble();
        continue;
      }
      double* target = key == "phrase" ? &spec.phrase_weight
                       : key == "weak" ? &spec.weak_weight
                       : key == "near" ? &spec.near_weight
                                       : nullptr;
      if (!target) return unknown_key(key, "", "\"weights\"");
      if (auto error = read_weight(member.value, key, "", *target)) {
        return error;
      }
    }
    return std::nullopt;
  }

  std::optional<Error> read_negation(const Json& value, Negation& negation) {
    if (!value.IsObject()) {
      return fail_at("", "negation", "\"negation\" must be an object");
    }
    for (auto& member : value.GetObject()) {
      const std::string key = member.name.GetString();
      const Json& v = member.value;
      if (is_comment(key)) continue;
      std::optional<Error> error;
      if (key == "before") {
        error = read_phrases(v, key, "", negation.before);
      } else if (key == "after") {
        error = read_phrases(v, key, "", negation.after);
      } else if (key == "hypothetical") {
        error = read_phrases(v, key, "", negation.hypothetical);
      } else if (key == "clause_words") {
        error = read_words(v, key, negation.clause_words);
      } else if (key == "name_words") {
        error = read_words(v, key, negation.name_words);
      } else if (key == "before_scope") {
        error = read_int(v, key, 1, "", negation.before_scope);
      } else if (key == "after_scope") {
        error = read_int(v, key, 1, "", negation.after_scope);
      } else if (key == "clause_punctuation") {
        error = read_string(v, key, "", negation.clause_punctuation);
      } else {
        error = unknown_key(key, "", "\"negation\"");
      }
      if (error) return error;
    }
    return std::nullopt;
  }

  std::optional<Error> read_themes(const Json& value,
                                   std::vector<Theme>& themes) {
    if (!value.IsArray()) {
      return fail_at("", "themes", "\"themes\" must be a list of themes in [ ]");
    }
    for (const Json& item : value.GetArray()) {
      Theme theme;
      if (auto error = read_theme(item, theme)) return error;
      themes.push_back(std::move(theme));
    }
    return std::nullopt;
  }

  std::optional<Error> read_theme(const Json& value, Theme& theme) {
    if (!value.IsObject()) {
      return fail_at("", "themes", "every entry of \"themes\" must be an object { }");
    }
    const auto id = value.FindMember("id");
    if (id == value.MemberEnd() || !id->value.IsString() ||
        id->value.GetStringLength() == 0) {
      return fail_at("", "themes", "a theme has no \"id\" string");
    }
    theme.id = id->value.GetString();
    const std::string& tid = theme.id;
    for (auto& member : value.GetObject()) {
      const std::string key = member.name.GetString();
      const Json& v = member.value;
      if (is_comment(key) || key == "id") continue;
      std::optional<Error> error;
      if (key == "name") {
        error = read_string(v, key, tid, theme.name);
      } else if (key == "definition") {
        error = read_string(v, key, tid, theme.definition);
      } else if (key == "core") {
        error = read_bool(v, key, tid, theme.core);
      } else if (key == "names_count") {
        error = read_bool(v, key, tid, theme.names_count);
      } else if (key == "weight") {
        error = read_weight(v, key, tid, theme.weight);
      } else if (key == "phrases") {
        error = read_phrases(v, key, tid, theme.phrases);
      } else if (key == "weak") {
        error = read_phrases(v, key, tid, theme.weak);
      } else if (key == "exclude") {
        error = read_phrases(v, key, tid, theme.exclude);
      } else if (key == "near") {
        error = read_near_list(v, tid, theme.near);
      } else if (key == "unless_near") {
        error = read_unless_near(v, theme);
      } else {
        error = unknown_key(key, tid, "theme \"" + tid + "\"");
      }
      if (error) return error;
    }
    if (!extension_) {
      if (theme.name.empty()) return fail_at(tid, "", "has no \"name\"");
      if (theme.phrases.empty() && theme.weak.empty() && theme.near.empty()) {
        return fail_at(tid, "",
                       "has no rules: give \"phrases\", \"weak\" or \"near\"");
      }
    }
    return std::nullopt;
  }

  std::optional<Error> read_unless_near(const Json& value, Theme& theme) {
    const std::string& tid = theme.id;
    if (!value.IsObject()) {
      return fail_at(tid, "unless_near",
                     "\"unless_near\" must be {\"any\": [...], \"within\": N}");
    }
    for (auto& member : value.GetObject()) {
      const std::string key = member.name.GetString();
      if (is_comment(key)) continue;
      std::optional<Error> error;
      if (key == "any") {
        error = read_phrases(member.value, key, tid, theme.unless_near);
      } else if (key == "within") {
        error = read_int(member.value, key, 1, tid, theme.unless_within);
      } else {
        error = unknown_key(key, tid, "\"unless_near\"");
      }
      if (error) return error;
    }
    if (theme.unless_near.empty() || theme.unless_within == 0) {
      return fail_at(tid, "unless_near",
                     "\"unless_near\" needs both \"any\" and \"within\"");
    }
    return std::nullopt;
  }

  std::optional<Error> read_near_list(const Json& value, const std::string& tid,
                                      std::vector<NearRule>& out) {
    if (!value.IsArray()) {
      return fail_at(tid, "near", "\"near\" must be a list of rules in [ ]");
    }
    for (const Json& item : value.GetArray()) {
      const std::string which =
          "near rule " + std::to_string(out.size() + 1) + ": ";
      if (!item.IsObject()) {
        return fail_at(tid, "near", which + "must be an object { }");
      }
      NearRule rule;
      for (auto& member : item.GetObject()) {
        const std::string key = member.name.GetString();
        const Json& v = member.value;
        if (is_comment(key)) continue;
        std::optional<Error> error;
        if (key == "all") {
          error = read_near_terms(v, tid, which, rule);
        } else if (key == "within") {
          if (v.IsString() && std::string(v.GetString()) == "sentence") {
            rule.within = 0;
          } else if (v.IsInt() && v.GetInt() >= 1) {
            rule.within = v.GetInt();
          } else {
            error = fail_at(tid, "near",
                            which + "\"within\" must be a number of words "
                                    "or \"sentence\"");
          }
        } else if (key == "weight") {
          error = read_weight(v, key, tid, rule.weight);
        } else {
          error = unknown_key(key, tid, which.substr(0, which.size() - 2));
        }
        if (error) return error;
      }
      if (rule.all.size() < 2) {
        return fail_at(tid, "near",
                       which + "\"all\" needs at least two terms");
      }
      out.push_back(std::move(rule));
    }
    return std::nullopt;
  }

  std::optional<Error> read_near_terms(const Json& value,
                                       const std::string& tid,
                                       const std::string& which,
                                       NearRule& rule) {
    if (!value.IsArray()) {
      return fail_at(tid, "near", which + "\"all\" must be a list of terms");
    }
    for (const Json& term : value.GetArray()) {
      Alternatives alternatives;
      if (term.IsString()) {
        std::string phrase = term.GetString();
        const std::string problem = phrase_problem(phrase);
        if (!problem.empty()) {
          return fail_at(tid, "near",
                         which + "phrase \"" + phrase + "\" " + problem,
                         phrase);
        }
        alternatives.push_back(std::move(phrase));
      } else if (auto error = read_phrases(term, "all", tid, alternatives)) {
        return error;
      }
      if (alternatives.empty()) {
        return fail_at(tid, "near", which + "a term of \"all\" is empty");
      }
      rule.all.push_back(std::move(alternatives));
    }
    return std::nullopt;
  }

  std::string_view json_;
  std::string source_;
  bool extension_;
  Locator locate_;
};

template <class T>
void append(std::vector<T>& to, std::vector<T>& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()),
            std::make_move_iterator(from.end()));
}

void merge_theme(Theme& base, Theme& extra) {
  if (!extra.name.empty()) base.name = std::move(extra.name);
  if (!extra.definition.empty()) base.definition = std::move(extra.definition);
  if (extra.core) base.core = true;
  if (extra.names_count) base.names_count = true;
  if (extra.weight > 0) base.weight = extra.weight;
  append(base.phrases, extra.phrases);
  append(base.weak, extra.weak);
  append(base.near, extra.near);
  append(base.exclude, extra.exclude);
  append(base.unless_near, extra.unless_near);
  if (extra.unless_within > 0) base.unless_within = extra.unless_within;
}

// Builds the atoms and vocabulary of a codebook.
class Compiler {
 public:
  explicit Compiler(Codebook::Compiled& out) : out_(out) {}

  int atom(const std::string& phrase) {
    const auto known = atom_ids_.find(phrase);
    if (known != atom_ids_.end()) return known->second;
    std::vector<Token> tokens;
    internal::tokenize(phrase, 0, phrase.size(), U"", tokens);
    Atom atom;
    atom.text = phrase;
    for (const Token& token : tokens) {
      atom.words.push_back(pattern_word(phrase, token));
    }
    const int id = static_cast<int>(out_.atoms.size());
    const PatternWord& first = atom.words.front();
    switch (first.kind) {
      case WordKind::kStem:
        out_.atoms_by_first_stem[first.id].push_back(id);
        break;
      case WordKind::kExact:
      case WordKind::kCaps:
        out_.atoms_by_first_word[first.id].push_back(id);
        break;
      case WordKind::kPrefix:
        out_.atoms_by_first_prefix_byte[static_cast<unsigned char>(
                                            first.prefix[0])]
            .push_back(id);
        break;
    }
    out_.atoms.push_back(std::move(atom));
    atom_ids_.emplace(phrase, id);
    return id;
  }

  std::vector<int> atoms(const std::vector<std::string>& phrases) {
    std::vector<int> ids;
    for (const std::string& phrase : phrases) ids.push_back(atom(phrase));
    return ids;
  }

  // Ids of single words, matched exactly (any case).
  std::unordered_set<int> word_ids(const std::vector<std::string>& words) {
    std::unordered_set<int> ids;
    for (const std::string& word : words) {
      std::vector<Token> tokens;
      internal::tokenize(word, 0, word.size(), U"", tokens);
      for (const Token& token : tokens) ids.insert(word_id(token.lower));
    }
    return ids;
  }

 private:
  int word_id(const std::string& lower) {
    return out_.word_ids
        .try_emplace(lower, static_cast<int>(out_.word_ids.size()))
        .first->second;
  }

  int stem_id(const std::string& lower) {
    const std::string stem = stemmer_(lower);
    return out_.stem_ids.try_emplace(stem, static_cast<int>(out_.stem_ids.size()))
        .first->second;
  }

  PatternWord pattern_word(std::string_view phrase, const Token& token) {
    PatternWord word;
    const bool star = token.end < phrase.size() && phrase[token.end] == '*';
    const bool equals = token.begin > 0 && phrase[token.begin - 1] == '=';
    if (star) {
      word.kind = WordKind::kPrefix;
      word.prefix = token.lower;
    } else if (token.all_caps) {
      word.kind = WordKind::kCaps;
      word.id = word_id(token.lower);
    } else if (equals) {
      word.kind = WordKind::kExact;
      word.id = word_id(token.lower);
    } else {
      word.kind = WordKind::kStem;
      word.id = stem_id(token.lower);
    }
    return word;
  }

  Codebook::Compiled& out_;
  Xapian::Stem stemmer_{"english"};
  std::unordered_map<std::string, int> atom_ids_;
};

std::u32string decode_utf8(std::string_view s) {
  std::u32string out;
  std::size_t i = 0;
  while (i < s.size()) {
    UChar32 c = 0;
    U8_NEXT(s.data(), i, s.size(), c);
    if (c >= 0) out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

std::string label(const char* kind, const std::string& phrase) {
  return std::string(kind) + ": " + phrase;
}

}  // namespace

int Codebook::theme_index(std::string_view id) const {
  const auto& themes = spec_->themes;
  for (std::size_t i = 0; i < themes.size(); ++i) {
    if (themes[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

Result<CodebookSpec> parse_codebook(std::string_view json,
                                    const std::string& source,
                                    bool extension) {
  return Parser(json, source, extension).parse();
}

void merge_codebook(CodebookSpec& base, CodebookSpec extension) {
  for (Theme& theme : extension.themes) {
    auto known = std::find_if(base.themes.begin(), base.themes.end(),
                              [&](const Theme& t) { return t.id == theme.id; });
    if (known == base.themes.end()) {
      base.themes.push_back(std::move(theme));
    } else {
      merge_theme(*known, theme);
    }
  }
  Negation& to = base.negation;
  Negation& from = extension.negation;
  append(to.before, from.before);
  append(to.after, from.after);
  append(to.hypothetical, from.hypothetical);
  append(to.clause_words, from.clause_words);
  append(to.name_words, from.name_words);
}

Result<Codebook> compile_codebook(CodebookSpec spec,
                                  const std::string& source) {
  auto fail = [&](const std::string& what) {
    return Error{ErrorKind::kUsage, source + ": " + what};
  };
  std::set<std::string> ids;
  for (const Theme& theme : spec.themes) {
    if (!ids.insert(theme.id).second) {
      return fail("theme \"" + theme.id + "\" is defined twice");
    }
    if (theme.name.empty()) return fail("theme \"" + theme.id + "\" has no \"name\"");
    if (theme.phrases.empty() && theme.weak.empty() && theme.near.empty()) {
      return fail("theme \"" + theme.id + "\" has no rules");
    }
  }
  if (spec.themes.empty()) return fail("the codebook has no themes");

  static std::atomic<std::uint64_t> serials{0};
  auto compiled = std::make_shared<Codebook::Compiled>();
  compiled->serial = ++serials;
  Compiler compiler(*compiled);
  for (const Theme& theme : spec.themes) {
    Codebook::Compiled::ThemeRules rules;
    const double phrase_weight =
        theme.weight > 0 ? theme.weight : spec.phrase_weight;
    for (const std::string& phrase : theme.phrases) {
      rules.phrases.push_back(
          {compiler.atom(phrase), phrase_weight, label("phrase", phrase)});
    }
    for (const std::string& phrase : theme.weak) {
      rules.phrases.push_back({compiler.atom(phrase), spec.weak_weight,
                               label("weak", phrase), /*weak=*/true});
    }
    for (const NearRule& near : theme.near) {
      Codebook::Compiled::NearRule rule;
      std::string text;
      for (const Alternatives& term : near.all) {
        rule.terms.push_back(compiler.atoms(term));
        text += (text.empty() ? "" : " + ") + term.front();
      }
      rule.within = near.within;
      rule.weight = near.weight > 0 ? near.weight : spec.near_weight;
      rule.label = label("near", text + (near.within > 0
                                             ? " within " +
                                                   std::to_string(near.within)
                                             : " in a sentence"));
      rules.near.push_back(std::move(rule));
    }
    rules.exclude = compiler.atoms(theme.exclude);
    rules.unless_near = compiler.atoms(theme.unless_near);
    rules.unless_within = theme.unless_within;
    rules.names_count = theme.names_count;
    compiled->themes.push_back(std::move(rules));
  }
  const Negation& negation = spec.negation;
  compiled->negation_before = compiler.atoms(negation.before);
  compiled->negation_after = compiler.atoms(negation.after);
  compiled->hypothetical = compiler.atoms(negation.hypothetical);
  compiled->clause_word_ids = compiler.word_ids(negation.clause_words);
  compiled->name_word_ids = compiler.word_ids(negation.name_words);
  compiled->clause_punctuation = decode_utf8(negation.clause_punctuation);

  Codebook codebook;
  codebook.spec_ = std::make_shared<const CodebookSpec>(std::move(spec));
  codebook.compiled_ = std::move(compiled);
  return codebook;
}

Result<Codebook> load_codebook(
    const std::filesystem::path& base,
    const std::vector<std::filesystem::path>& extensions) {
  auto read = [](const std::filesystem::path& path) -> Result<std::string> {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return Error{ErrorKind::kUsage,
                   path.string() + ": cannot read the codebook file"};
    }
    return std::string((std::istreambuf_iterator<char>(in)),
                       std::istreambuf_iterator<char>());
  };
  Result<std::string> text = read(base);
  if (!text) return text.error();
  Result<CodebookSpec> spec = parse_codebook(*text, base.string());
  if (!spec) return spec.error();
  std::string source = base.string();
  for (const auto& path : extensions) {
    Result<std::string> more = read(path);
    if (!more) return more.error();
    Result<CodebookSpec> extra = parse_codebook(*more, path.string(), true);
    if (!extra) return extra.error();
    merge_codebook(*spec, std::move(*extra));
    source += " + " + path.string();
  }
  return compile_codebook(std::move(*spec), source);
}

std::filesystem::path default_codebook_path() {
  return CASELENS_DEFAULT_CODEBOOK;
}

}  // namespace caselens::analysis
