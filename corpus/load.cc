#include "corpus/load.h"

#include <algorithm>
#include <exception>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <system_error>
#include <utility>

#include "corpus/digest.h"
#include "corpus/metadata.h"
#include "corpus/normalise.h"
#include "corpus/reader.h"
#include "corpus/segment.h"

namespace caselens::corpus {
namespace {

namespace fs = std::filesystem;

// Larger files are not reports; refusing them keeps memory bounded.
constexpr std::uintmax_t kMaxFileBytes = 256u << 20;

constexpr std::string_view kSidecarSuffix = ".meta.json";

Error input_error(const fs::path& path, const std::string& what) {
  return Error{ErrorKind::kInput, path.string() + ": " + what};
}

Result<std::string> read_file(const fs::path& path) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    return input_error(path, "no such file or directory");
  }
  if (fs::is_directory(status)) return input_error(path, "is a directory");
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > kMaxFileBytes) {
    return input_error(path,
                       "file too large (" + std::to_string(size) + " bytes)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return input_error(path, "cannot open file");
  std::string bytes((std::istreambuf_iterator<char>(in)),
                    std::istreambuf_iterator<char>());
  if (in.bad()) return input_error(path, "read error");
  return bytes;
}

bool is_sidecar(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.size() > kSidecarSuffix.size() &&
         name.compare(name.size() - kSidecarSuffix.size(),
                      kSidecarSuffix.size(), kSidecarSuffix) == 0;
}

Result<Document> prepare(std::string_view bytes, const fs::path& path) {
  const Reader* reader = reader_for(path);
  if (!reader) {
    return input_error(
        path, "unsupported file type \"" + path.extension().string() + "\"");
  }
  Result<RawText> raw = reader->read(bytes, path);
  if (!raw) return raw.error();

  Document doc;
  doc.path = path.string();
  doc.format = raw->format;
  doc.text = normalise_text(raw->text);
  if (doc.text.empty()) return input_error(path, "empty file (no text)");
  Segmentation segments = segment_text(doc.text);
  doc.sections = std::move(segments.sections);
  doc.passages = std::move(segments.passages);
  doc.meta = extract_metadata(doc.text, raw->format_meta);
  if (doc.meta.title.empty()) doc.meta.title = path.stem().string();

  const fs::path sidecar = sidecar_path(path);
  std::error_code ec;
  if (fs::exists(sidecar, ec)) {
    Result<std::string> json = read_file(sidecar);
    if (!json) return json.error();
    Status applied = apply_sidecar(*json, sidecar, &doc.meta);
    if (!applied) return applied.error();
  }
  // After the sidecar: entries fall back on the bulletin's nation.  A text
  // file's table rows are read before its embedded markup is stripped (the
  // reader turns each <li> into a line of its own, which breaks the rows).
  if (is_research_digest(raw->text, doc.meta)) {
    std::string layout;
    if (raw->format == "txt" || raw->format == "md") {
      if (Result<std::string> decoded = decode_text(bytes, path)) {
        layout = std::move(*decoded);
      }
    }
    doc.entries = split_digest(layout.empty() ? raw->text : layout, doc);
  }
  return doc;
}

struct Candidate {
  fs::path path;
  fs::path canonical;
  std::uintmax_t size = 0;
};

void add_file(const fs::path& path, std::vector<Candidate>* out) {
  std::error_code ec;
  fs::path canonical = fs::canonical(path, ec);
  if (ec) canonical = fs::absolute(path, ec);
  const std::uintmax_t size = fs::file_size(path, ec);
  out->push_back({path, canonical, ec ? 0 : size});
}

// Walks one folder tree without recursion.  Symlinked folders are followed
// once each: a folder whose canonical path was already walked is skipped,
// which also breaks symlink loops.
void walk(const fs::path& root, std::vector<Candidate>* out,
          std::set<fs::path>* walked,
          const std::function<void(const Error&)>& on_error) {
  std::vector<fs::path> pending{root};
  while (!pending.empty()) {
    const fs::path dir = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    const fs::path canonical = fs::canonical(dir, ec);
    if (!ec && !walked->insert(canonical).second) continue;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      on_error(input_error(dir, "cannot read folder: " + ec.message()));
      continue;
    }
    std::vector<fs::path> subdirs;
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
      const fs::path& path = it->path();
      std::error_code type_ec;
      if (it->is_directory(type_ec)) {
        subdirs.push_back(path);
      } else if (it->is_regular_file(type_ec) && is_supported(path) &&
                 !is_sidecar(path)) {
        add_file(path, out);
      }
    }
    if (ec) on_error(input_error(dir, "cannot read folder: " + ec.message()));
    pending.insert(pending.end(), subdirs.rbegin(), subdirs.rend());
  }
}

}  // namespace

Result<Document> load_document_bytes(std::string_view bytes,
                                     const fs::path& path) {
  try {
    return prepare(bytes, path);
  } catch (const std::exception& e) {
    return input_error(path, std::string("cannot load: ") + e.what());
  }
}

Result<Document> load_document(const fs::path& path) {
  try {
    Result<std::string> bytes = read_file(path);
    if (!bytes) return bytes.error();
    return prepare(*bytes, path);
  } catch (const std::exception& e) {
    return input_error(path, std::string("cannot load: ") + e.what());
  }
}

fs::path sidecar_path(const fs::path& document) {
  return document.parent_path() /
         (document.stem().string() + std::string(kSidecarSuffix));
}

std::vector<FoundFile> find_documents(
    const std::vector<fs::path>& roots,
    const std::function<void(const Error&)>& on_error) {
  std::vector<Candidate> candidates;
  std::set<fs::path> walked;
  for (const fs::path& root : roots) {
    std::error_code ec;
    const fs::file_status status = fs::status(root, ec);
    if (!fs::exists(status)) {
      on_error(input_error(root, "no such file or directory"));
    } else if (fs::is_directory(status)) {
      walk(root, &candidates, &walked, on_error);
    } else if (is_sidecar(root) || !is_supported(root)) {
      on_error(input_error(
          root, "unsupported file type \"" + root.extension().string() + "\""));
    } else {
      add_file(root, &candidates);
    }
  }
  std::sort(
      candidates.begin(), candidates.end(),
      [](const Candidate& a, const Candidate& b) { return a.path < b.path; });
  std::vector<FoundFile> found;
  std::set<fs::path> seen;
  for (Candidate& c : candidates) {
    if (seen.insert(c.canonical).second) {
      found.push_back({std::move(c.path), c.size});
    }
  }
  return found;
}

}  // namespace caselens::corpus
