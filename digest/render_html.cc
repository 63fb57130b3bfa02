#include <string>

#include "digest/category.h"
#include "digest/render.h"
#include "digest/render_util.h"

namespace caselens::digest {
namespace {

using render::Notes;

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// Print first: A4 with margins, tables that fit the page width and wrap
// any word, a repeated header row on each page, each section on a new
// page, and colours kept when printed.
constexpr const char* kStyle = R"CSS(
@page { size: A4; margin: 16mm 13mm 16mm 13mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9pt;
       line-height: 1.32; color: #111; margin: 0; }
@media screen { body { max-width: 190mm; margin: 8mm auto; } }
h1 { font-size: 22pt; color: #1f4e79; margin: 0 0 2mm; }
h2 { font-size: 14pt; color: #1f4e79; border-bottom: 2px solid #1f4e79; padding-bottom: 1mm;
     margin: 0 0 4mm; break-after: avoid; }
h3 { font-size: 10pt; background: #dbe5f1; border: 1px solid #555; border-bottom: none;
     margin: 5mm 0 0; padding: 1.5mm 2mm; break-after: avoid; letter-spacing: 0.03em; }
.title-block { border: 2px solid #1f4e79; padding: 6mm; margin-bottom: 6mm; }
.title-block .issue { font-size: 13pt; font-weight: bold; margin: 0 0 1mm; }
.title-block .partnership { font-size: 12pt; margin: 0 0 4mm; }
.title-block .meta { color: #444; font-size: 8pt; margin-top: 3mm; }
.note-italics { border-left: 3px solid #1f4e79; padding-left: 3mm; font-size: 9pt; }
section.newpage { break-before: page; }
section.part { margin-bottom: 6mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0 0 6mm; }
thead { display: table-header-group; }
th, td { border: 1px solid #555; padding: 1.5mm 2mm; vertical-align: top; text-align: left;
         overflow-wrap: anywhere; word-break: break-word; hyphens: manual; }
th { background: #1f4e79; color: #fff; font-size: 8.5pt; letter-spacing: 0.04em; }
/* Rows may run on to the next page (under a repeated header row), so pages
   fill; a single point never splits. */
tr { break-inside: auto; }
li, td p { break-inside: avoid; }
td p { margin: 0 0 1.5mm; }
td ul { margin: 0 0 1.5mm; padding-left: 4mm; }
td li { margin: 0 0 1mm; }
.case-heading { font-weight: bold; }
.kind, .basis { color: #444; font-size: 7.5pt; }
.label { font-weight: bold; margin-top: 1mm; }
.none { color: #666; }
.link a { color: #1f4e79; }
tr.priority td { font-style: italic; background: #fbf8ee; }
.reason { font-weight: bold; font-style: italic; color: #7a4b00; font-size: 8pt; }
sup.n { font-size: 6.5pt; color: #555; font-style: normal; }
sup.n a { color: inherit; text-decoration: none; }
.empty { font-style: italic; }
.sources ol { font-size: 7.5pt; padding-left: 0; columns: 2; column-gap: 8mm; list-style-position: inside; }
.sources li { break-inside: avoid; overflow-wrap: anywhere; word-break: break-all; }
.warnings { color: #7a0000; font-size: 8pt; }
col.case { width: 24%; }
table.two col.report { width: 76%; }
table.three col.issues { width: 36%; }
table.three col.learning { width: 40%; }
)CSS";

class HtmlWriter {
 public:
  explicit HtmlWriter(const Bulletin& b) : b_(b) {}

  std::string run() {
    out_ += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    out_ += "<title>" + esc(b_.title + " \u2013 " + b_.partnership + " \u2013 " +
                            render::issue_line(b_)) + "</title>\n";
    out_ += "<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
    title_block();
    // A section with entries starts a page, except the first, which follows
    // the title block; a section with nothing to show is one line.
    for (std::size_t i = 0; i < b_.sections.size(); ++i) {
      section(b_.sections[i], i > 0 && !b_.sections[i].tables.empty());
    }
    sources();
    out_ += "</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  void title_block() {
    out_ += "<header class=\"title-block\">\n<h1>" + esc(b_.title) + "</h1>\n";
    out_ += "<p class=\"issue\">" + esc(render::issue_line(b_)) + "</p>\n";
    out_ += "<p class=\"partnership\">" + esc(b_.partnership) + "</p>\n";
    out_ += "<p class=\"intro\">" + esc(b_.introduction) + "</p>\n";
    const std::string note = render::italics_note(b_);
    if (!note.empty()) out_ += "<p class=\"note-italics\">" + esc(note) + "</p>\n";
    std::string regions;
    for (const auto& r : b_.regions) regions += (regions.empty() ? "" : ", ") + r;
    out_ += "<p class=\"meta\">Period: " + esc(describe(b_.period)) +
            (b_.period.quarter.empty() ? "" : " (" + esc(b_.period.quarter) + ")") +
            ". Regional learning: " + esc(regions.empty() ? "none" : regions) + ". " +
            render::counted(b_.reviews, "review") + ", " +
            render::counted(b_.digest_entries, "digest entry") + ".</p>\n";
    if (!b_.warnings.empty() || !b_.notes.empty()) {
      out_ += "<ul class=\"warnings\">\n";
      for (const auto& w : b_.warnings) out_ += "<li>Warning: " + esc(w) + "</li>\n";
      for (const auto& n : b_.notes) out_ += "<li>Note: " + esc(n) + "</li>\n";
      out_ += "</ul>\n";
    }
    out_ += "</header>\n";
  }

  void section(const BulletinSection& s, bool new_page) {
    out_ += std::string("<section class=\"part") + (new_page ? " newpage" : "") + "\" id=\"" +
            esc(s.id) + "\">\n<h2>" + esc(s.heading) + "</h2>\n";
    if (s.tables.empty()) out_ += "<p class=\"empty\">" + esc(s.note) + "</p>\n";
    const auto cols = render::columns(s);
    for (const auto& t : s.tables) {
      if (!t.heading.empty()) out_ += "<h3>" + esc(t.heading) + "</h3>\n";
      const bool three = cols.size() == 3;
      out_ += three ? "<table class=\"three\">\n<colgroup><col class=\"case\"><col class=\"issues\">"
                      "<col class=\"learning\"></colgroup>\n"
                    : "<table class=\"two\">\n<colgroup><col class=\"case\"><col class=\"report\">"
                      "</colgroup>\n";
      out_ += "<thead><tr>";
      for (const auto& c : cols) out_ += "<th>" + esc(c) + "</th>";
      out_ += "</tr></thead>\n<tbody>\n";
      for (const auto& e : t.entries) row(e, three);
      out_ += "</tbody>\n</table>\n";
    }
    out_ += "</section>\n";
  }

  void row(const Entry& e, bool three) {
    const bool priority = !e.priority_themes.empty();
    out_ += std::string("<tr class=\"entry") + (priority ? " priority" : "") + "\" id=\"" +
            esc(e.id) + "\"";
    if (priority) out_ += " title=\"" + esc(e.priority_reason) + "\"";
    out_ += ">\n<td>";
    out_ += "<p class=\"case-heading\">" + esc(e.heading) + "</p>";
    if (e.case_line) out_ += "<p class=\"case-line\">" + bullet_text(*e.case_line) + "</p>";
    if (const std::string kind = render::kind_line(e); !kind.empty()) {
      out_ += "<p class=\"kind\">" + esc(kind) + "</p>";
    }
    if (priority) out_ += "<p class=\"reason\">" + esc(e.priority_reason) + "</p>";
    out_ += "<p class=\"basis\">Category: " + esc(std::string(category_heading(e.category))) +
            " (" + esc(e.category_basis) + ")</p>";
    out_ += "</td>\n<td>";
    list(e.key_issues);
    link(e);
    if (three) out_ += "</td>\n<td>";
    // The report column of a two-column table shows only what there is (a
    // regional row read from a digest is an account without learning).
    if (three || !e.learning.empty()) {
      out_ += "<p class=\"label\">Learning:</p>";
      list(e.learning);
    }
    if (three || !e.recommendations.empty()) {
      out_ += "<p class=\"label\">Recommendations:</p>";
      list(e.recommendations);
    }
    out_ += "</td>\n</tr>\n";
  }

  void link(const Entry& e) {
    if (e.link.empty()) {
      out_ += "<p class=\"link\">" + esc(e.link_text) + "</p>";
    } else {
      out_ += "<p class=\"link\"><a href=\"" + esc(e.link) + "\">" + esc(e.link_text) + "</a></p>";
    }
  }

  void list(const std::vector<Bullet>& bullets) {
    if (bullets.empty()) {
      out_ += std::string("<p class=\"none\">") + render::kNothingFound + "</p>";
      return;
    }
    out_ += "<ul>";
    for (const auto& b : bullets) out_ += "<li>" + bullet_text(b) + "</li>";
    out_ += "</ul>";
  }

  // The quotation, its hover source and its note number.
  std::string bullet_text(const Bullet& b) {
    const std::size_t n = notes_.add(b);
    return "<span class=\"q\" title=\"" + esc(render::source_of(b)) + "\">" + esc(b.text) +
           (b.condensed ? " \u2026" : "") + "</span><sup class=\"n\"><a href=\"#note-" +
           std::to_string(n) + "\">" + std::to_string(n) + "</a></sup>";
  }

  void sources() {
    if (notes_.list().empty()) return;
    out_ += "<section class=\"part newpage sources\" id=\"sources\">\n<h2>Sources of the quotations</h2>\n";
    out_ += "<p>Each numbered point quotes the passage below: the review or entry id with the "
            "passage number, its section, and the byte offsets in the review's normalised text "
            "(<code>caselens show ID --passages</code> lists them).</p>\n<ol>\n";
    std::size_t n = 0;
    for (const Bullet* b : notes_.list()) {
      out_ += "<li id=\"note-" + std::to_string(++n) + "\">" + esc(render::source_of(*b)) + "</li>\n";
    }
    out_ += "</ol>\n</section>\n";
  }

  const Bulletin& b_;
  Notes notes_;
  std::string out_;
};

}  // namespace

std::string render_html(const Bulletin& bulletin) { return HtmlWriter(bulletin).run(); }

}  // namespace caselens::digest
