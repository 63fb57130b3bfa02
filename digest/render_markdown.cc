#include <string>

#include "digest/category.h"
#include "digest/render.h"
#include "digest/render_util.h"

namespace caselens::digest {
namespace {

// Text safe in a GitHub-flavoured Markdown table cell: no line breaks,
// pipes and emphasis marks escaped, angle brackets as entities.
std::string cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '|': out += "\\|"; break;
      case '*': case '_': case '`': case '[': case ']': case '\\': case '#':
        out += '\\';
        out += c;
        break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\n': case '\r': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

class MarkdownWriter {
 public:
  explicit MarkdownWriter(const Bulletin& b) : b_(b) {}

  std::string run() {
    out_ += "# " + cell(b_.title) + "\n\n";
    out_ += "**" + cell(render::issue_line(b_)) + "** \u2014 " + cell(b_.partnership) + "\n\n";
    out_ += cell(b_.introduction) + "\n\n";
    const std::string note = render::italics_note(b_);
    if (!note.empty()) out_ += "> " + cell(note) + "\n\n";
    std::string regions;
    for (const auto& r : b_.regions) regions += (regions.empty() ? "" : ", ") + r;
    out_ += "Period: " + cell(describe(b_.period)) +
            (b_.period.quarter.empty() ? "" : " (" + b_.period.quarter + ")") +
            ". Regional learning: " + cell(regions.empty() ? "none" : regions) + ". " +
            render::counted(b_.reviews, "review") + ", " +
            render::counted(b_.digest_entries, "digest entry") + ".\n\n";
    for (const auto& w : b_.warnings) out_ += "- Warning: " + cell(w) + "\n";
    for (const auto& n : b_.notes) out_ += "- Note: " + cell(n) + "\n";
    if (!b_.warnings.empty() || !b_.notes.empty()) out_ += "\n";
    for (const auto& s : b_.sections) section(s);
    if (!notes_.list().empty()) out_ += "## Sources of the quotations\n\n";
    std::size_t n = 0;
    for (const Bullet* b : notes_.list()) {
      out_ += "[^" + std::to_string(++n) + "]: " + cell(render::source_of(*b)) + "\n";
    }
    return std::move(out_);
  }

 private:
  void section(const BulletinSection& s) {
    out_ += "## " + cell(s.heading) + "\n\n";
    if (s.tables.empty()) out_.append("*").append(cell(s.note)).append("*\n\n");
    const auto cols = render::columns(s);
    for (const auto& t : s.tables) {
      if (!t.heading.empty()) out_ += "### " + cell(t.heading) + "\n\n";
      out_ += "|";
      for (const auto& c : cols) out_.append(" ").append(cell(c)).append(" |");
      out_ += "\n|";
      for (std::size_t i = 0; i < cols.size(); ++i) out_ += "---|";
      out_ += "\n";
      for (const auto& e : t.entries) row(e, cols.size() == 3);
      out_ += "\n";
    }
  }

  void row(const Entry& e, bool three) {
    const bool priority = !e.priority_themes.empty();
    const std::string open = priority ? "<em>" : "";
    const std::string close = priority ? "</em>" : "";
    std::string c = open + "**" + cell(e.heading) + "**";
    if (e.case_line) c += "<br>" + bullet(*e.case_line);  // note numbers: case line first
    if (const std::string kind = render::kind_line(e); !kind.empty()) c += "<br>" + cell(kind);
    if (priority) c += "<br>**" + cell(e.priority_reason) + "**";
    c += "<br>Category: " + cell(std::string(category_heading(e.category))) + " (" +
         cell(e.category_basis) + ")" + close;
    std::string issues = open;
    issues += list(e.key_issues);
    issues += "<br>";
    if (e.link.empty()) {
      issues += cell(e.link_text);
    } else {
      issues.append("[").append(cell(e.link_text)).append("](<").append(e.link).append(">)");
    }
    // Notes are numbered as they are made: build the cells in order.  The
    // report column of a two-column table shows only what there is.
    std::string learning;
    if (three || !e.learning.empty()) {
      learning += "**Learning:**<br>";
      learning += list(e.learning);
    }
    if (three || !e.recommendations.empty()) {
      if (!learning.empty()) learning += "<br>";
      learning += "**Recommendations:**<br>";
      learning += list(e.recommendations);
    }
    learning += close;
    if (three) {
      out_ += "| " + c + " | " + issues + close + " | " + open + learning + " |\n";
    } else {
      out_ += "| " + c + " | " + issues + (learning == close ? "" : "<br>") + learning + " |\n";
    }
  }

  std::string list(const std::vector<Bullet>& bullets) {
    if (bullets.empty()) return render::kNothingFound;
    std::string out;
    for (const auto& b : bullets) out += (out.empty() ? "" : "<br>") + std::string("\u2022 ") + bullet(b);
    return out;
  }

  std::string bullet(const Bullet& b) {
    const std::size_t n = notes_.add(b);
    return cell(b.text) + (b.condensed ? " \u2026" : "") + "[^" + std::to_string(n) + "]";
  }

  const Bulletin& b_;
  render::Notes notes_;
  std::string out_;
};

}  // namespace

std::string render_markdown(const Bulletin& bulletin) { return MarkdownWriter(bulletin).run(); }

}  // namespace caselens::digest
