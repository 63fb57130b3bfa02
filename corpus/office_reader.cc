#include "corpus/office_reader.h"

#include <zip.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace caselens::corpus {
namespace {

// Larger parts are not documents (or are zip bombs).
constexpr zip_uint64_t kMaxPartBytes = 128u << 20;
// Deeper XML is not a document; recursion stops there.
constexpr int kMaxDepth = 200;

Error input_error(const std::filesystem::path& path, const std::string& what) {
  return Error{ErrorKind::kInput, path.string() + ": " + what};
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// Spaces, tabs and newlines collapsed to single spaces.
std::string one_line(std::string_view s) {
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return trim(out);
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// "2019-10-15T10:00:00Z" -> "2019-10-15" (or "2019-10", "2019"); "" when
// it does not start with a plausible year.
std::string iso_date(std::string_view s) {
  s = std::string_view(s).substr(0, 10);
  const auto digits = [&](std::size_t from, std::size_t n) {
    if (s.size() < from + n) return false;
    for (std::size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
  };
  if (!digits(0, 4)) return "";
  const int year = std::stoi(std::string(s.substr(0, 4)));
  if (year < 1990 || year > 2100) return "";
  if (s.size() >= 7 && s[4] == '-' && digits(5, 2)) {
    if (s.size() >= 10 && s[7] == '-' && digits(8, 2)) {
      return std::string(s.substr(0, 10));
    }
    return std::string(s.substr(0, 7));
  }
  return std::string(s.substr(0, 4));
}

// ------------------------------------------------------------------ zip

class Archive {
 public:
  Archive() = default;
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;
  ~Archive() {
    if (zip_) zip_discard(zip_);
  }

  // Opens `bytes` (which must outlive the archive); an error message, or ""
  // on success.
  std::string open(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src =
        zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!src) {
      std::string what = zip_error_strerror(&error);
      zip_error_fini(&error);
      return what;
    }
    zip_ = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!zip_) {
      zip_ = zip_open_from_source(src, ZIP_RDONLY, &error);
    }
    if (!zip_) {
      zip_source_free(src);
      std::string what = zip_error_strerror(&error);
      zip_error_fini(&error);
      return what;
    }
    zip_error_fini(&error);
    return "";
  }

  // The part's bytes; nullopt when there is no such part; an error message
  // in *error when it cannot be read.
  std::optional<std::string> part(const char* name, std::string* error) {
    const zip_int64_t index = zip_name_locate(zip_, name, ZIP_FL_NOCASE);
    if (index < 0) return std::nullopt;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &st) == 0 &&
        (st.valid & ZIP_STAT_SIZE) && st.size > kMaxPartBytes) {
      *error = std::string(name) + " is too large";
      return std::string();
    }
    zip_file_t* file =
        zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0);
    if (!file) {
      *error = std::string(name) + ": " + zip_strerror(zip_);
      return std::string();
    }
    std::string data;
    char buffer[65536];
    while (true) {
      const zip_int64_t n = zip_fread(file, buffer, sizeof buffer);
      if (n < 0) {
        *error = std::string(name) + ": " + zip_file_strerror(file);
        break;
      }
      if (n == 0) break;
      data.append(buffer, static_cast<std::size_t>(n));
      if (data.size() > kMaxPartBytes) {
        *error = std::string(name) + " is too large";
        break;
      }
    }
    zip_fclose(file);
    return data;
  }

 private:
  zip_t* zip_ = nullptr;
};

// ------------------------------------------------------------------ XML

// Element names without their namespace prefix: producers differ in the
// prefixes they choose.
std::string_view local(const pugi::xml_node& node) {
  const std::string_view name = node.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view attr(const pugi::xml_node& node, std::string_view name) {
  for (const pugi::xml_attribute& a : node.attributes()) {
    std::string_view n = a.name();
    const std::size_t colon = n.find(':');
    if (colon != std::string_view::npos) n = n.substr(colon + 1);
    if (n == name) return a.value();
  }
  return "";
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (const pugi::xml_node& c : node.children()) {
    if (c.type() == pugi::node_element && local(c) == name) return c;
  }
  return {};
}

// The first element with this local name anywhere below `node`.
pugi::xml_node find(const pugi::xml_node& node, std::string_view name) {
  return node.find_node([&](const pugi::xml_node& n) {
    return n.type() == pugi::node_element && local(n) == name;
  });
}

std::string parse_xml(std::string_view data, pugi::xml_document* doc) {
  const pugi::xml_parse_result result = doc->load_buffer(
      data.data(), data.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  if (result) return "";
  return std::string(result.description()) + " at offset " +
         std::to_string(result.offset);
}

// ---------------------------------------------------------- the output

enum class BlockKind { kParagraph, kHeading, kListItem, kTableRow };

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  std::string text;
};

class Output {
 public:
  void add(BlockKind kind, std::string_view text) {
    std::string t =
        kind == BlockKind::kParagraph ? trim_lines(text) : one_line(text);
    if (t.empty()) return;
    blocks_.push_back({kind, std::move(t)});
  }
  void note(std::string_view label, std::string_view text) {
    std::string t = one_line(text);
    if (t.empty()) return;
    notes_.push_back("[" + std::string(label) + "] " + t);
  }
  std::string text() const {
    std::string out;
    for (std::size_t i = 0; i < blocks_.size(); ++i) {
      const Block& b = blocks_[i];
      if (i > 0) {
        const bool in_list = b.kind == BlockKind::kListItem &&
                             blocks_[i - 1].kind == BlockKind::kListItem;
        out += in_list ? "\n" : "\n\n";
      }
      if (b.kind == BlockKind::kListItem) out += "- ";
      out += b.text;
    }
    for (const std::string& n : notes_) out += "\n\n" + n;
    return out;
  }

 private:
  // A paragraph keeps its manual line breaks (the normaliser joins them).
  static std::string trim_lines(std::string_view text) {
    std::string out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
      std::size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      std::string line = one_line(text.substr(pos, nl - pos));
      if (!line.empty()) {
        if (!out.empty()) out += '\n';
        out += line;
      }
      pos = nl + 1;
    }
    return out;
  }

  std::vector<Block> blocks_;
  std::vector<std::string> notes_;
};

// ----------------------------------------------------------------- DOCX

struct DocxStyle {
  std::string name;      // lower case, e.g. "heading 1"
  std::string based_on;  // style id
  int outline = -1;      // 0..8 when the style is an outline level
  bool numbered = false;
};

std::map<std::string, DocxStyle> docx_styles(const pugi::xml_document& xml) {
  std::map<std::string, DocxStyle> styles;
  const pugi::xml_node root = xml.document_element();
  for (const pugi::xml_node& s : root.children()) {
    if (local(s) != "style") continue;
    DocxStyle style;
    style.name = lower_ascii(attr(child(s, "name"), "val"));
    style.based_on = attr(child(s, "basedOn"), "val");
    const pugi::xml_node ppr = child(s, "pPr");
    if (const pugi::xml_node level = child(ppr, "outlineLvl")) {
      style.outline = std::atoi(std::string(attr(level, "val")).c_str());
    }
    style.numbered = static_cast<bool>(child(ppr, "numPr"));
    styles[std::string(attr(s, "styleId"))] = std::move(style);
  }
  return styles;
}

class DocxBody {
 public:
  explicit DocxBody(std::map<std::string, DocxStyle> styles)
      : styles_(std::move(styles)) {}

  void blocks(const pugi::xml_node& container, int depth, Output* out) {
    if (depth > kMaxDepth) return;
    for (const pugi::xml_node& n : container.children()) {
      if (n.type() != pugi::node_element) continue;
      const std::string_view name = local(n);
      if (name == "p") {
        paragraph(n, depth, out);
      } else if (name == "tbl") {
        table(n, depth, out);
      } else if (name == "sdt") {
        blocks(child(n, "sdtContent"), depth + 1, out);
      } else if (name == "customXml" || name == "smartTag" || name == "ins") {
        blocks(n, depth + 1, out);
      }
    }
  }

  // Text of one paragraph; text boxes inside it go to `boxes`.
  void inline_text(const pugi::xml_node& node, int depth, std::string* text,
                   std::vector<pugi::xml_node>* boxes) {
    if (depth > kMaxDepth) return;
    for (const pugi::xml_node& n : node.children()) {
      if (n.type() != pugi::node_element) continue;
      const std::string_view name = local(n);
      if (name == "t") {
        *text += n.child_value();
      } else if (name == "tab" || name == "ptab") {
        *text += '\t';
      } else if (name == "br" || name == "cr") {
        *text += attr(n, "type") == "page" ? ' ' : '\n';
      } else if (name == "noBreakHyphen") {
        *text += '-';
      } else if (name == "txbxContent") {
        boxes->push_back(n);
      } else if (name == "AlternateContent") {
        // The choice and its fallback hold the same content.
        inline_text(child(n, "Choice"), depth + 1, text, boxes);
      } else if (name == "del" || name == "delText" || name == "instrText" ||
                 name == "delInstrText" || name == "pPr" || name == "rPr" ||
                 name == "footnoteReference" || name == "endnoteReference" ||
                 name == "commentReference" || name == "Fallback") {
        continue;
      } else if (name == "r" && hidden(n)) {
        continue;
      } else {
        inline_text(n, depth + 1, text, boxes);
      }
    }
  }

 private:
  static bool hidden(const pugi::xml_node& run) {
    const pugi::xml_node vanish = child(child(run, "rPr"), "vanish");
    if (!vanish) return false;
    const std::string_view v = attr(vanish, "val");
    return v.empty() || v == "1" || v == "true" || v == "on";
  }

  const DocxStyle* style(std::string_view id) const {
    const auto it = styles_.find(std::string(id));
    return it == styles_.end() ? nullptr : &it->second;
  }

  // Heading by outline level or style (a numbered heading style stays a
  // heading); else list item by numbering (numId 0 switches it off) or a
  // list style; else a paragraph.
  BlockKind kind_of(const pugi::xml_node& p) const {
    const pugi::xml_node ppr = child(p, "pPr");
    if (const pugi::xml_node level = child(ppr, "outlineLvl")) {
      const int l = std::atoi(std::string(attr(level, "val")).c_str());
      if (l >= 0 && l < 9) return BlockKind::kHeading;
    }
    bool style_list = false;
    std::string id(attr(child(ppr, "pStyle"), "val"));
    // The style and the styles it is based on (a short chain).
    for (int hops = 0; hops < 10 && !id.empty(); ++hops) {
      const std::string lower = lower_ascii(id);
      const DocxStyle* s = style(id);
      const std::string name = s ? s->name : lower;
      if (name.rfind("heading", 0) == 0 || name == "title" ||
          name == "subtitle" || (s && s->outline >= 0 && s->outline < 9)) {
        return BlockKind::kHeading;
      }
      style_list = style_list || name.rfind("list bullet", 0) == 0 ||
                   name.rfind("list number", 0) == 0 ||
                   lower.rfind("listbullet", 0) == 0 ||
                   lower.rfind("listnumber", 0) == 0 || (s && s->numbered);
      if (!s) break;
      id = s->based_on;
    }
    if (const pugi::xml_node num = child(ppr, "numPr")) {
      return attr(child(num, "numId"), "val") == "0" ? BlockKind::kParagraph
                                                     : BlockKind::kListItem;
    }
    return style_list ? BlockKind::kListItem : BlockKind::kParagraph;
  }

  void paragraph(const pugi::xml_node& p, int depth, Output* out) {
    std::string text;
    std::vector<pugi::xml_node> boxes;
    inline_text(p, depth + 1, &text, &boxes);
    out->add(kind_of(p), text);
    for (const pugi::xml_node& box : boxes) blocks(box, depth + 1, out);
  }

  // Everything in a cell (its paragraphs, nested tables) as one line.
  void cell_text(const pugi::xml_node& node, int depth, std::string* text) {
    if (depth > kMaxDepth) return;
    for (const pugi::xml_node& n : node.children()) {
      if (n.type() != pugi::node_element) continue;
      const std::string_view name = local(n);
      if (name == "p") {
        std::string para;
        std::vector<pugi::xml_node> boxes;
        inline_text(n, depth + 1, &para, &boxes);
        *text += ' ';
        *text += para;
      } else if (name != "tcPr" && name != "trPr" && name != "tblPr" &&
                 name != "tblGrid") {
        cell_text(n, depth + 1, text);
      }
    }
  }

  void table(const pugi::xml_node& tbl, int depth, Output* out) {
    if (depth > kMaxDepth) return;
    for (const pugi::xml_node& n : tbl.children()) {
      const std::string_view name = local(n);
      if (name == "tr") {
        row(n, depth + 1, out);
      } else if (name == "sdt" || name == "customXml") {
        // Rows wrapped in a content control.
        for (const pugi::xml_node& inner :
             (name == "sdt" ? child(n, "sdtContent") : n).children()) {
          if (local(inner) == "tr") row(inner, depth + 2, out);
        }
      }
    }
  }

  void row(const pugi::xml_node& tr, int depth, Output* out) {
    std::string line;
    for (const pugi::xml_node& tc : tr.children()) {
      if (local(tc) != "tc" && local(tc) != "sdt") continue;
      std::string text;
      cell_text(tc, depth + 1, &text);
      text = one_line(text);
      if (text.empty()) continue;
      if (!line.empty()) line += " | ";
      line += text;
    }
    out->add(BlockKind::kTableRow, line);
  }

  std::map<std::string, DocxStyle> styles_;
};

void docx_notes(std::string_view xml_bytes, std::string_view element,
                DocxBody* body, Output* out) {
  pugi::xml_document xml;
  if (!parse_xml(xml_bytes, &xml).empty()) return;  // notes are a bonus
  for (const pugi::xml_node& note : xml.document_element().children()) {
    if (local(note) != element) continue;
    const std::string_view type = attr(note, "type");
    if (!type.empty() && type != "normal") continue;  // separators
    std::string text;
    std::vector<pugi::xml_node> boxes;
    for (const pugi::xml_node& p : note.children()) {
      if (local(p) != "p") continue;
      text += ' ';
      body->inline_text(p, 1, &text, &boxes);
    }
    out->note(attr(note, "id"), text);
  }
}

void core_properties(std::string_view xml_bytes, std::string_view creator_tag,
                     std::string_view created_tag, RawText* raw) {
  pugi::xml_document xml;
  if (!parse_xml(xml_bytes, &xml).empty()) return;
  const pugi::xml_node root = xml.document_element();
  const std::string title = one_line(find(root, "title").child_value());
  if (!title.empty()) raw->format_meta["properties_title"] = title;
  std::string author = one_line(find(root, creator_tag).child_value());
  if (author.empty()) author = one_line(find(root, "creator").child_value());
  if (!author.empty()) raw->format_meta["author"] = author;
  const std::string date =
      iso_date(trim(find(root, created_tag).child_value()));
  if (!date.empty()) raw->format_meta["date"] = date;
}

// What to say about bytes that are not a zip archive.
std::string not_zip_reason(std::string_view bytes,
                           const std::string& zip_error) {
  if (bytes.substr(0, 4) == "\xD0\xCF\x11\xE0") {
    return "an old-format or password-protected Word file";
  }
  return "not a zip archive: " + lower_ascii(zip_error);
}

// ------------------------------------------------------------------ ODT

class OdtBody {
 public:
  void blocks(const pugi::xml_node& container, int depth, Output* out) {
    if (depth > kMaxDepth) return;
    for (const pugi::xml_node& n : container.children()) {
      if (n.type() != pugi::node_element) continue;
      const std::string_view name = local(n);
      if (name == "h" || name == "p") {
        paragraph(n, name == "h" ? BlockKind::kHeading : BlockKind::kParagraph,
                  depth, out);
      } else if (name == "list") {
        list(n, depth + 1, out);
      } else if (name == "table") {
        table(n, depth + 1, out);
      } else if (name == "tracked-changes" || name == "sequence-decls" ||
                 name == "variable-decls" || name == "annotation") {
        continue;
      } else {
        blocks(n, depth + 1, out);  // sections, indexes, frames
      }
    }
  }

 private:
  void inline_text(const pugi::xml_node& node, int depth, std::string* text,
                   std::vector<pugi::xml_node>* boxes, Output* out) {
    if (depth > kMaxDepth) return;
    for (const pugi::xml_node& n : node.children()) {
      if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
        *text += n.value();
        continue;
      }
      if (n.type() != pugi::node_element) continue;
      const std::string_view name = local(n);
      if (name == "s") {
        const int count = std::atoi(std::string(attr(n, "c")).c_str());
        text->append(static_cast<std::size_t>(std::clamp(count, 1, 100)), ' ');
      } else if (name == "tab") {
        *text += '\t';
      } else if (name == "line-break") {
        *text += '\n';
      } else if (name == "note") {
        std::string body;
        std::vector<pugi::xml_node> ignored;
        inline_text(child(n, "note-body"), depth + 1, &body, &ignored, out);
        out->note(trim(child(n, "note-citation").child_value()), body);
      } else if (name == "text-box") {
        boxes->push_back(n);
      } else if (name == "annotation" || name == "annotation-end") {
        continue;
      } else if (name == "p" || name == "h") {
        // Paragraphs nested in a note body.
        *text += ' ';
        inline_text(n, depth + 1, text, boxes, out);
      } else {
        inline_text(n, depth + 1, text, boxes, out);
      }
    }
  }

  void paragraph(const pugi::xml_node& p, BlockKind kind, int depth,
                 Output* out) {
    std::string text;
    std::vector<pugi::xml_node> boxes;
    inline_text(p, depth + 1, &text, &boxes, out);
    out->add(kind, text);
    for (const pugi::xml_node& box : boxes) blocks(box, depth + 1, out);
  }

  void list(const pugi::xml_node& l, int depth, Output* out) {
    if (depth > kMaxDepth) return;
    for (const pugi::xml_node& item : l.children()) {
      if (local(item) != "list-item" && local(item) != "list-header") continue;
      for (const pugi::xml_node& n : item.children()) {
        const std::string_view name = local(n);
        if (name == "p" || name == "h") {
          paragraph(n, BlockKind::kListItem, depth + 1, out);
        } else if (name == "list") {
          list(n, depth + 1, out);
        }
      }
    }
  }

  void cell_text(const pugi::xml_node& node, int depth, std::string* text,
                 Output* out) {
    if (depth > kMaxDepth) return;
    for (const pugi::xml_node& n : node.children()) {
      if (n.type() != pugi::node_element) continue;
      const std::string_view name = local(n);
      if (name == "p" || name == "h") {
        std::string para;
        std::vector<pugi::xml_node> boxes;
        inline_text(n, depth + 1, &para, &boxes, out);
        *text += ' ';
        *text += para;
      } else {
        cell_text(n, depth + 1, text, out);
      }
    }
  }

  void table(const pugi::xml_node& t, int depth, Output* out) {
    if (depth > kMaxDepth) return;
    for (const pugi::xml_node& n : t.children()) {
      const std::string_view name = local(n);
      if (name == "table-row") {
        std::string line;
        for (const pugi::xml_node& cell : n.children()) {
          if (local(cell) != "table-cell") continue;
          std::string text;
          cell_text(cell, depth + 1, &text, out);
          text = one_line(text);
          if (text.empty()) continue;
          if (!line.empty()) line += " | ";
          line += text;
        }
        out->add(BlockKind::kTableRow, line);
      } else if (name == "table-header-rows" || name == "table-rows" ||
                 name == "table-row-group") {
        table(n, depth + 1, out);
      }
    }
  }
};

}  // namespace

Result<RawText> DocxReader::read(std::string_view bytes,
                                 const std::filesystem::path& path) const {
  const auto fail = [&](const std::string& why) {
    return input_error(path, "not a DOCX file (" + why + ")");
  };
  if (bytes.empty()) return input_error(path, "empty file");
  Archive zip;
  if (const std::string error = zip.open(bytes); !error.empty()) {
    return fail(not_zip_reason(bytes, error));
  }
  std::string error;
  const std::optional<std::string> document =
      zip.part("word/document.xml", &error);
  if (!document) return fail("no word/document.xml");
  if (!error.empty()) return fail(error);
  pugi::xml_document xml;
  if (const std::string e = parse_xml(*document, &xml); !e.empty()) {
    return fail("word/document.xml: " + e);
  }
  const pugi::xml_node body = find(xml.document_element(), "body");
  if (!body) return fail("word/document.xml has no body");

  std::map<std::string, DocxStyle> styles;
  if (const std::optional<std::string> s = zip.part("word/styles.xml", &error);
      s && error.empty()) {
    pugi::xml_document styles_xml;
    if (parse_xml(*s, &styles_xml).empty()) styles = docx_styles(styles_xml);
  }
  error.clear();
  DocxBody reader(std::move(styles));
  Output out;
  reader.blocks(body, 0, &out);
  for (const auto& [part, element] :
       {std::pair{"word/footnotes.xml", "footnote"},
        std::pair{"word/endnotes.xml", "endnote"}}) {
    if (const std::optional<std::string> notes = zip.part(part, &error);
        notes && error.empty()) {
      docx_notes(*notes, element, &reader, &out);
    }
    error.clear();
  }

  RawText raw;
  raw.format = "docx";
  raw.text = out.text();
  if (const std::optional<std::string> core =
          zip.part("docProps/core.xml", &error);
      core && error.empty()) {
    core_properties(*core, "creator", "created", &raw);
  }
  return raw;
}

Result<RawText> OdtReader::read(std::string_view bytes,
                                const std::filesystem::path& path) const {
  const auto fail = [&](const std::string& why) {
    return input_error(path, "not an ODT file (" + why + ")");
  };
  if (bytes.empty()) return input_error(path, "empty file");
  Archive zip;
  if (const std::string error = zip.open(bytes); !error.empty()) {
    return fail(not_zip_reason(bytes, error));
  }
  std::string error;
  const std::optional<std::string> content = zip.part("content.xml", &error);
  if (!content) return fail("no content.xml");
  if (!error.empty()) return fail(error);
  pugi::xml_document xml;
  if (const std::string e = parse_xml(*content, &xml); !e.empty()) {
    return fail("content.xml: " + e);
  }
  const pugi::xml_node text =
      find(find(xml.document_element(), "body"), "text");
  if (!text) return fail("content.xml has no text body");
  Output out;
  OdtBody().blocks(text, 0, &out);

  RawText raw;
  raw.format = "odt";
  raw.text = out.text();
  if (const std::optional<std::string> meta = zip.part("meta.xml", &error);
      meta && error.empty()) {
    core_properties(*meta, "initial-creator", "creation-date", &raw);
  }
  return raw;
}

}  // namespace caselens::corpus
