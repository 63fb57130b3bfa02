// Reading what the indexer stored about a review.
#ifndef CASELENS_QUERY_REVIEW_H_
#define CASELENS_QUERY_REVIEW_H_

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "corpus/error.h"

namespace caselens::query {

struct SectionInfo {
  std::string heading;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t passages = 0;
};

struct Evidence {
  std::string passage;  // passage id
  std::string section;
  std::size_t begin = 0;  // offsets into the review's normalised text
  std::size_t end = 0;
  std::string rule;  // the codebook rule that fired
  std::string text;  // the evidence sentence
};

struct ThemeRecord {
  std::string id;
  std::string name;
  double score = 0;
  std::size_t passages = 0;  // passages with a hit
  std::vector<Evidence> evidence;
};

struct ReviewRecord {
  std::string id;
  std::string path;
  std::string format;
  std::string title;
  std::string type;
  std::string partnership;
  std::string nation;
  std::string date;  // "YYYY-MM", "YYYY" or ""
  int year = 0;
  int month = 0;
  std::string case_name;
  std::string child_age;
  std::map<std::string, std::string> extra;
  std::vector<std::string> overridden;  // fields set by the sidecar
  std::vector<SectionInfo> sections;
  std::size_t passages = 0;
  std::vector<std::string> themes;          // ids of the themes present
  std::vector<ThemeRecord> theme_evidence;  // the same, with evidence
};

// One passage as stored by the indexer.
struct PassageRecord {
  std::string id;       // "REVIEW#N", N counting from 1
  std::string review;   // the review's id
  std::string section;  // heading of its section ("" before the first)
  std::size_t begin = 0;  // offsets into the review's normalised text
  std::size_t end = 0;
  bool list_item = false;  // a bullet or numbered list item
  std::string text;        // the review's text[begin, end)
  std::vector<std::string> themes;  // theme ids hit in it (not negated)
};

// Parses a passage document's stored record; fields it lacks stay empty.
PassageRecord passage_from_document(const Xapian::Document& doc);

// Every passage of the review with this id, in text order; empty for an
// id that has none.  Error (kDatabase) when the index cannot be read.
Result<std::vector<PassageRecord>> get_passages(const Xapian::Database& db,
                                                const std::string& review_id);
// How much of a stored review record to read.  kSummary leaves out the
// sections and the theme evidence (most of a record's bytes), for lists of
// reviews such as search results; the theme ids are read either way.
enum class ReviewParts { kAll, kSummary };

// Parses a review document's stored record.  Error (kDatabase) when the
// stored data is not a review record.
Result<ReviewRecord> review_from_document(const Xapian::Document& doc,
                                          ReviewParts parts = ReviewParts::kAll);

// The review with this id (as printed by search), or an error (kUsage)
// "no review with id ...".
Result<ReviewRecord> get_review(const Xapian::Database& db, const std::string& id,
                                ReviewParts parts = ReviewParts::kAll);

struct Count {
  std::string value;
  std::size_t count = 0;
};

struct DocumentCounts {
  std::size_t documents = 0;
  std::size_t reviews = 0;
  std::size_t passages = 0;
};

// Error (kDatabase) when the index cannot be read.
Result<DocumentCounts> count_documents(const Xapian::Database& db);

// Review ids held by more than one review: possible only when indexes built
// apart are searched together (the shards of one sharded index never share
// an id).  Sorted.
Result<std::vector<std::string>> duplicate_review_ids(const Xapian::Database& db);

struct IndexSummary {
  std::size_t documents = 0;
  std::size_t reviews = 0;
  std::size_t passages = 0;
  std::string first_date;  // "YYYY-MM" of the earliest dated review, or ""
  std::string last_date;
  // Review counts by field, each sorted by count then value.
  std::map<std::string, std::vector<Count>> by_field;  // "type", "nation", ...
};

Result<IndexSummary> summarize(const Xapian::Database& db);

}  // namespace caselens::query

#endif  // CASELENS_QUERY_REVIEW_H_
