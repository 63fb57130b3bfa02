#include "corpus/reader.h"

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "corpus/office_reader.h"
#include "corpus/pdf_reader.h"

namespace caselens::corpus {
namespace {

Error input_error(const std::filesystem::path& path, const std::string& what) {
  return Error{ErrorKind::kInput, path.string() + ": " + what};
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// Length of the well-formed UTF-8 sequence at s[i] (no overlongs, no
// surrogates, nothing above U+10FFFF), or 0 when it is not one.
int utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return 1;
  int len = 0;
  std::uint32_t cp = 0;
  if (b >= 0xC2 && b <= 0xDF) {
    len = 2;
    cp = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    len = 3;
    cp = b & 0x0F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    len = 4;
    cp = b & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (int k = 1; k < len; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  const bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
  if (overlong || surrogate || cp > 0x10FFFF) return 0;
  return len;
}

struct Utf8Scan {
  std::optional<std::size_t> first_invalid;
  bool has_multibyte = false;  // any well-formed non-ASCII sequence
};

Utf8Scan scan_utf8(std::string_view s) {
  Utf8Scan scan;
  for (std::size_t i = 0; i < s.size();) {
    const int len = utf8_sequence_length(s, i);
    if (len == 0) {
      if (!scan.first_invalid) scan.first_invalid = i;
      ++i;
      continue;
    }
    if (len > 1) scan.has_multibyte = true;
    i += static_cast<std::size_t>(len);
  }
  return scan;
}

// Bytes that Windows-1252 leaves undefined: their presence rules it out.
bool has_cp1252_hole(std::string_view s) {
  return s.find_first_of("\x81\x8D\x8F\x90\x9D") != std::string_view::npos;
}

// Converts with ICU, failing (rather than substituting) on unmappable bytes.
std::optional<std::string> convert_to_utf8(std::string_view bytes,
                                           const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset, &status);
  if (U_FAILURE(status)) return std::nullopt;
  ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                      &status);
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()),
                          conv, status);
  ucnv_close(conv);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out;
  text.toUTF8String(out);
  return out;
}

// ---------------------------------------------------------------- HTML

struct Entity {
  std::string_view name;
  std::string_view utf8;
};

// The named entities that occur in published reports; numeric references
// cover everything else.
constexpr std::array<Entity, 32> kEntities{{
    {"amp", "&"},         {"lt", "<"},          {"gt", ">"},
    {"quot", "\""},       {"apos", "'"},        {"nbsp", "\u00A0"},
    {"ndash", "\u2013"},  {"mdash", "\u2014"},  {"lsquo", "\u2018"},
    {"rsquo", "\u2019"},  {"ldquo", "\u201C"},  {"rdquo", "\u201D"},
    {"sbquo", "\u201A"},  {"bdquo", "\u201E"},  {"hellip", "\u2026"},
    {"bull", "\u2022"},   {"middot", "\u00B7"}, {"copy", "\u00A9"},
    {"reg", "\u00AE"},    {"trade", "\u2122"},  {"pound", "\u00A3"},
    {"euro", "\u20AC"},   {"shy", "\u00AD"},    {"eacute", "\u00E9"},
    {"egrave", "\u00E8"}, {"aacute", "\u00E1"}, {"ouml", "\u00F6"},
    {"uuml", "\u00FC"},   {"ccedil", "\u00E7"}, {"deg", "\u00B0"},
    {"frac12", "\u00BD"}, {"times", "\u00D7"},
}};

void append_utf8(std::uint32_t cp, std::string* out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    cp = 0xFFFD;
  }
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes the entity starting at s[i] == '&'.  Returns the number of bytes
// consumed, 0 when it is not an entity (the '&' is then literal).
std::size_t decode_entity(std::string_view s, std::size_t i, std::string* out) {
  const std::size_t semi = s.find(';', i + 1);
  if (semi == std::string_view::npos || semi - i > 12) return 0;
  const std::string_view body = s.substr(i + 1, semi - i - 1);
  if (body.size() >= 2 && body[0] == '#') {
    const bool hex = body[1] == 'x' || body[1] == 'X';
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    std::uint32_t cp = 0;
    for (char c : digits) {
      const int v = std::isdigit(static_cast<unsigned char>(c))
                        ? c - '0'
                        : (hex && std::isxdigit(static_cast<unsigned char>(c))
                               ? std::tolower(c) - 'a' + 10
                               : -1);
      if (v < 0) return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
      if (cp > 0x10FFFF) return 0;
    }
    append_utf8(cp, out);
    return semi - i + 1;
  }
  for (const Entity& e : kEntities) {
    if (e.name == body) {
      out->append(e.utf8);
      return semi - i + 1;
    }
  }
  return 0;
}

enum class TagEffect { kNone, kLine, kParagraph, kListItem, kCell };

TagEffect effect_of(std::string_view name) {
  static constexpr std::array<std::string_view, 30> kParagraphTags{
      "p",          "div",     "h1",     "h2",         "h3",    "h4",
      "h5",         "h6",      "ul",     "ol",         "table", "section",
      "article",    "header",  "footer", "blockquote", "pre",   "hr",
      "dl",         "nav",     "aside",  "main",       "form",  "figure",
      "figcaption", "address", "title",  "body",       "html",  "caption"};
  if (name == "br" || name == "tr" || name == "dt" || name == "dd") {
    return TagEffect::kLine;
  }
  if (name == "li") return TagEffect::kListItem;
  if (name == "td" || name == "th") return TagEffect::kCell;
  if (std::find(kParagraphTags.begin(), kParagraphTags.end(), name) !=
      kParagraphTags.end()) {
    return TagEffect::kParagraph;
  }
  return TagEffect::kNone;
}

bool is_raw_text_element(std::string_view name) {
  return name == "script" || name == "style" || name == "noscript" ||
         name == "template" || name == "svg" || name == "iframe";
}

// Collects text, collapsing HTML whitespace, with structural breaks.
class HtmlTextSink {
 public:
  void text(std::string_view s, bool preformatted) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      if (c == '&') {
        std::string decoded;
        const std::size_t used = decode_entity(s, i, &decoded);
        if (used > 0) {
          put(decoded);
          i += used - 1;
          continue;
        }
      }
      if (!preformatted &&
          (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')) {
        pending_space_ = true;
        continue;
      }
      put(std::string_view(&c, 1));
    }
  }
  void line_break() {
    pending_space_ = false;
    if (!out_.empty() && out_.back() != '\n') out_.push_back('\n');
  }
  void paragraph_break() {
    line_break();
    if (!out_.empty() && !(out_.size() >= 2 && out_[out_.size() - 2] == '\n')) {
      out_.push_back('\n');
    }
  }
  void list_item() {
    line_break();
    out_ += "- ";
  }
  void cell() { pending_space_ = true; }
  std::string take() { return std::move(out_); }

 private:
  void put(std::string_view s) {
    if (pending_space_ && !out_.empty() && out_.back() != '\n' &&
        out_.back() != ' ') {
      out_.push_back(' ');
    }
    pending_space_ = false;
    out_.append(s);
  }
  std::string out_;
  bool pending_space_ = false;
};

struct ParsedTag {
  std::string name;  // lower case; empty for comments and declarations
  bool closing = false;
  std::size_t end = 0;  // offset just past '>'
};

// Parses the markup at s[i] == '<'.  Malformed markup (no closing '>') is
// treated as text by returning nullopt.
std::optional<ParsedTag> parse_tag(std::string_view s, std::size_t i) {
  ParsedTag tag;
  if (s.compare(i, 4, "<!--") == 0) {
    const std::size_t close = s.find("-->", i + 4);
    tag.end = close == std::string_view::npos ? s.size() : close + 3;
    return tag;
  }
  std::size_t j = i + 1;
  if (j < s.size() && (s[j] == '!' || s[j] == '?')) {
    const std::size_t close = s.find('>', j);
    if (close == std::string_view::npos) return std::nullopt;
    tag.end = close + 1;
    return tag;
  }
  if (j < s.size() && s[j] == '/') {
    tag.closing = true;
    ++j;
  }
  const std::size_t name_begin = j;
  if (j >= s.size() || !std::isalpha(static_cast<unsigned char>(s[j]))) {
    return std::nullopt;  // "a < b", "3<4" are text
  }
  while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) ||
                          s[j] == '-' || s[j] == ':')) {
    ++j;
  }
  tag.name = lower_ascii(s.substr(name_begin, j - name_begin));
  // Skip attributes, respecting quotes so that '>' inside them is allowed.
  char quote = 0;
  for (; j < s.size(); ++j) {
    const char c = s[j];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      tag.end = j + 1;
      return tag;
    }
  }
  return std::nullopt;
}

std::size_t find_ci(std::string_view haystack, std::string_view needle,
                    std::size_t from) {
  auto it = std::search(haystack.begin() + static_cast<std::ptrdiff_t>(from),
                        haystack.end(), needle.begin(), needle.end(),
                        [](char a, char b) {
                          return std::tolower(static_cast<unsigned char>(a)) ==
                                 std::tolower(static_cast<unsigned char>(b));
                        });
  return it == haystack.end() ? std::string_view::npos
                              : static_cast<std::size_t>(it - haystack.begin());
}

// A single forward scan with no element stack, so nesting depth and
// unbalanced tags cost nothing.
RawText html_to_text(std::string_view html) {
  HtmlTextSink body;
  HtmlTextSink title;
  bool in_title = false;
  int pre_depth = 0;
  std::size_t i = 0;
  while (i < html.size()) {
    const std::size_t lt = html.find('<', i);
    const std::size_t text_end =
        lt == std::string_view::npos ? html.size() : lt;
    if (text_end > i) {
      (in_title ? title : body)
          .text(html.substr(i, text_end - i), pre_depth > 0);
    }
    if (lt == std::string_view::npos) break;
    const std::optional<ParsedTag> tag = parse_tag(html, lt);
    if (!tag) {
      (in_title ? title : body).text("<", pre_depth > 0);
      i = lt + 1;
      continue;
    }
    i = tag->end;
    if (tag->name.empty()) continue;
    if (!tag->closing && is_raw_text_element(tag->name)) {
      const std::size_t close = find_ci(html, "</" + tag->name, i);
      if (close == std::string_view::npos) break;
      const std::size_t gt = html.find('>', close);
      i = gt == std::string_view::npos ? html.size() : gt + 1;
      continue;
    }
    if (tag->name == "title") {
      in_title = !tag->closing;
      continue;
    }
    if (tag->name == "pre")
      pre_depth = std::max(0, pre_depth + (tag->closing ? -1 : 1));
    switch (effect_of(tag->name)) {
      case TagEffect::kLine:
        body.line_break();
        break;
      case TagEffect::kParagraph:
        body.paragraph_break();
        break;
      case TagEffect::kListItem:
        if (tag->closing) {
          body.line_break();
        } else {
          body.list_item();
        }
        break;
      case TagEffect::kCell:
        body.cell();
        break;
      case TagEffect::kNone:
        break;
    }
  }
  RawText raw;
  raw.text = body.take();
  raw.format = "html";
  std::string t = title.take();
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  t.erase(t.begin(), std::find_if(t.begin(), t.end(), not_space));
  t.erase(std::find_if(t.rbegin(), t.rend(), not_space).base(), t.end());
  if (!t.empty()) raw.format_meta["title"] = t;
  return raw;
}

// ------------------------------------------------ markup inside plain text

// Inline tags that text exported from web pages or spreadsheets carries into
// .txt and .md files.  Anything else that looks like a tag is left as text.
bool is_inline_markup_tag(std::string_view name) {
  static constexpr std::array<std::string_view, 16> kTags{
      "ul", "ol", "li",   "u", "b",   "i",   "em",   "strong",
      "br", "p",  "span", "a", "sup", "sub", "font", "div"};
  return std::find(kTags.begin(), kTags.end(), name) != kTags.end();
}

// List markup becomes "- " lines, other inline tags vanish, and character
// references are decoded; line structure is otherwise untouched.
std::string strip_embedded_markup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '&') {
      const std::size_t used = decode_entity(text, i, &out);
      if (used > 0) {
        i += used - 1;
        continue;
      }
    } else if (c == '<') {
      const std::optional<ParsedTag> tag = parse_tag(text, i);
      if (tag && is_inline_markup_tag(tag->name)) {
        if (tag->name == "li" && !tag->closing) {
          out += "\n- ";
        } else if (tag->name == "li" || tag->name == "ul" ||
                   tag->name == "ol" || tag->name == "br" || tag->name == "p" ||
                   tag->name == "div") {
          out += '\n';
        }
        i = tag->end - 1;
        continue;
      }
    }
    out.push_back(c);
  }
  return out;
}

// ---------------------------------------------------------------- Markdown

// Removes emphasis markers made of `marker` ("*" or "_") that open before a
// word and close after one, leaving the words.
std::string strip_emphasis(std::string_view line, char marker) {
  std::string out;
  out.reserve(line.size());
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] != marker) {
      out.push_back(line[i]);
      continue;
    }
    std::size_t run = i;
    while (run < line.size() && line[run] == marker) ++run;
    const bool before_word =
        run < line.size() &&
        !std::isspace(static_cast<unsigned char>(line[run]));
    const bool after_word =
        i > 0 && !std::isspace(static_cast<unsigned char>(line[i - 1]));
    // An intraword underscore (snake_case) is literal text.
    if (marker == '_' && before_word && after_word) {
      out.append(line.substr(i, run - i));
    } else if (!before_word && !after_word) {
      out.append(line.substr(i, run - i));  // a lone "*" is text
    }
    i = run - 1;
  }
  return out;
}

// "[text](url)" becomes "text"; images "![alt](src)" become "alt".
std::string strip_links(std::string_view line) {
  std::string out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const bool image =
        line[i] == '!' && i + 1 < line.size() && line[i + 1] == '[';
    if (line[i] == '[' || image) {
      const std::size_t open = image ? i + 1 : i;
      const std::size_t close = line.find("](", open);
      const std::size_t paren =
          close == std::string_view::npos ? close : line.find(')', close);
      if (paren != std::string_view::npos &&
          line.substr(open, close - open).find('\n') ==
              std::string_view::npos) {
        out.append(line.substr(open + 1, close - open - 1));
        i = paren;
        continue;
      }
    }
    out.push_back(line[i]);
  }
  return out;
}

bool is_rule_line(std::string_view line) {
  std::size_t marks = 0;
  char mark = 0;
  for (char c : line) {
    if (c == ' ') continue;
    if (c != '-' && c != '=' && c != '*' && c != '_') return false;
    if (mark && c != mark) return false;
    mark = c;
    ++marks;
  }
  return marks >= 3;
}

std::string markdown_to_text(std::string_view md) {
  std::string out;
  bool in_fence = false;
  std::size_t pos = 0;
  while (pos <= md.size()) {
    std::size_t nl = md.find('\n', pos);
    if (nl == std::string_view::npos) nl = md.size();
    std::string_view line = md.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.substr(0, 3) == "```" || line.substr(0, 3) == "~~~") {
      in_fence = !in_fence;
      out += "\n";
      continue;
    }
    if (in_fence) {
      out.append(line);
      out += "\n";
      continue;
    }
    // Setext underlines and horizontal rules separate paragraphs.
    if (is_rule_line(line)) {
      out += "\n\n";
      continue;
    }
    std::size_t indent = line.find_first_not_of(" \t");
    if (indent == std::string_view::npos) {
      out += "\n";
      continue;
    }
    std::string_view rest = line.substr(indent);
    std::string prefix;
    if (rest.size() >= 2 && (rest[0] == '*' || rest[0] == '+') &&
        rest[1] == ' ') {
      prefix = "- ";
      rest.remove_prefix(2);
    } else if (!rest.empty() && rest[0] == '>') {
      rest.remove_prefix(rest.size() > 1 && rest[1] == ' ' ? 2 : 1);
    }
    std::string cleaned =
        strip_emphasis(strip_emphasis(strip_links(rest), '*'), '_');
    out += prefix;
    out += cleaned;
    out += "\n";
  }
  return out;
}

class TextReader : public Reader {
 public:
  Result<RawText> read(std::string_view bytes,
                       const std::filesystem::path& path) const override {
    Result<std::string> text = decode_text(bytes, path);
    if (!text) return text.error();
    return RawText{strip_embedded_markup(*text), "txt", {}};
  }
};

class MarkdownReader : public Reader {
 public:
  Result<RawText> read(std::string_view bytes,
                       const std::filesystem::path& path) const override {
    Result<std::string> text = decode_text(bytes, path);
    if (!text) return text.error();
    return RawText{markdown_to_text(strip_embedded_markup(*text)), "md", {}};
  }
};

class HtmlReader : public Reader {
 public:
  Result<RawText> read(std::string_view bytes,
                       const std::filesystem::path& path) const override {
    Result<std::string> text = decode_text(bytes, path);
    if (!text) return text.error();
    return html_to_text(*text);
  }
};

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
  });
}

}  // namespace

const Reader* reader_for(const std::filesystem::path& path) {
  static const TextReader kText;
  static const MarkdownReader kMarkdown;
  static const HtmlReader kHtml;
  static const PdfReader kPdf;
  static const DocxReader kDocx;
  static const OdtReader kOdt;
  const std::string ext = lower_ascii(path.extension().string());
  if (ext == ".txt" || ext == ".text") return &kText;
  if (ext == ".md" || ext == ".markdown") return &kMarkdown;
  if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return &kHtml;
  if (ext == ".pdf") return &kPdf;
  if (ext == ".docx") return &kDocx;
  if (ext == ".odt") return &kOdt;
  return nullptr;
}

bool is_supported(const std::filesystem::path& path) {
  return reader_for(path) != nullptr;
}

Result<std::string> decode_text(std::string_view bytes,
                                const std::filesystem::path& path) {
  // UTF-16 is recognised only by its byte order mark.
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                            (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    std::optional<std::string> utf8 = convert_to_utf8(
        bytes.substr(2), bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE");
    if (!utf8) return input_error(path, "invalid UTF-16 text");
    if (is_blank(*utf8)) return input_error(path, "empty file");
    return std::move(*utf8);
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (is_blank(bytes)) return input_error(path, "empty file");
  if (const std::size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
    return input_error(
        path, "binary file (NUL byte at offset " + std::to_string(nul) + ")");
  }
  const Utf8Scan scan = scan_utf8(bytes);
  if (!scan.first_invalid) return std::string(bytes);
  // Text with no valid multi-byte sequence is taken to be Windows-1252 (a
  // superset of the printable Latin-1); a mixture means a damaged UTF-8 file.
  if (!scan.has_multibyte && !has_cp1252_hole(bytes)) {
    if (std::optional<std::string> utf8 =
            convert_to_utf8(bytes, "windows-1252")) {
      return std::move(*utf8);
    }
  }
  return input_error(path, "invalid UTF-8 at byte offset " +
                               std::to_string(*scan.first_invalid) +
                               " (and not Windows-1252 text)");
}

}  // namespace caselens::corpus
