// Output helpers shared by the subcommands: JSON documents on stdout,
// CSV rows, terminal detection.
#ifndef CASELENS_CLI_OUTPUT_H_
#define CASELENS_CLI_OUTPUT_H_

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "query/review.h"

namespace caselens::cli {

using Json = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

// Writes a key and its value.
void json_field(Json& w, const char* key, const std::string& value);
void json_double(Json& w, const char* key, double value);
void json_uint(Json& w, const char* key, std::uint64_t value);
void json_int(Json& w, const char* key, int value);
void json_bool(Json& w, const char* key, bool value);

// The record of a review as a JSON object (shared by search, show).
void json_review_fields(Json& w, const query::ReviewRecord& r);
void json_counts(Json& w, const std::map<std::string, std::vector<query::Count>>& counts);

// Themes with their evidence as a JSON array (shared by show and tag).
void json_theme_records(Json& w, const std::vector<query::ThemeRecord>& themes);

// Themes with evidence as indented text lines, at most `per_theme` each.
void print_theme_records(const std::vector<query::ThemeRecord>& themes, std::size_t per_theme);

// Prints the buffer and a newline to stdout.
void print_json(const rapidjson::StringBuffer& buffer);

// One CSV row (RFC 4180 quoting) to stdout.
void print_csv_row(const std::vector<std::string>& cells);

// A table as aligned text columns on stdout (first row the header).
void print_text_table(const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows);

// printf-style formatting of one number, e.g. format_number("%.3f", x).
std::string format_number(const char* format, double value);

// True when stdout (fd 1) or stderr (fd 2) is a terminal.
bool is_terminal(int fd);

enum class Format { kText, kJson, kCsv };

}  // namespace caselens::cli

#endif  // CASELENS_CLI_OUTPUT_H_
