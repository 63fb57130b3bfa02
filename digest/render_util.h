// Pieces shared by the bulletin renderers (internal to digest/).
#ifndef CASELENS_DIGEST_RENDER_UTIL_H_
#define CASELENS_DIGEST_RENDER_UTIL_H_

#include <string>
#include <vector>

#include "digest/digest.h"

namespace caselens::digest::render {

// Bullets are numbered 1, 2, ... in the order every renderer writes them:
// section by section, table by table, entry by entry, and within an entry
// case line, key issues, learning, recommendations.
class Notes {
 public:
  // The number of a bullet, in that order.
  std::size_t add(const Bullet& b) {
    list_.push_back(&b);
    return list_.size();
  }
  const std::vector<const Bullet*>& list() const { return list_; }

 private:
  std::vector<const Bullet*> list_;
};

// "kirklees-child-e#27, § Key findings, bytes 3796-3940"
std::string source_of(const Bullet& b);

// "Issue 4 – October 2021", "October 2021" without an issue number.
std::string issue_line(const Bulletin& b);

// The note on italics, "" when no priority themes were given.
std::string italics_note(const Bulletin& b);

// The column headings of a section's tables: two columns (CASE | REPORT,
// THEME | LEARNING) for local, regional and thematic sections, three (CASE |
// KEY ISSUES | LEARNING & RECOMMENDATIONS) for the national ones.
std::vector<std::string> columns(const BulletinSection& s);

// What kind of review an entry is, for its CASE cell: "Serious case
// review", or "Digest entry (from BULLETIN): Practice Review".
std::string kind_line(const Entry& e);

// "1 review", "2 reviews", "3 digest entries".
std::string counted(std::size_t n, const std::string& noun);

// Said in a cell when the text gave nothing for it.
inline constexpr const char* kNothingFound = "(none found in the text)";

}  // namespace caselens::digest::render

#endif  // CASELENS_DIGEST_RENDER_UTIL_H_
