// Errors as values at module boundaries.
//
// Every module returns Result<T>: either a value or an Error whose message is
// one line a user can act on (it names the file, query or database).  The CLI
// maps ErrorKind to the documented exit codes, so the numbering is fixed.
#ifndef CASELENS_CORPUS_ERROR_H_
#define CASELENS_CORPUS_ERROR_H_

#include <string>
#include <utility>
#include <variant>

namespace caselens {

enum class ErrorKind {
  kUsage = 1,     // bad command-line usage
  kInput = 2,     // an input file could not be read or decoded
  kDatabase = 3,  // index missing, locked, corrupt or not a caselens index
  kQuery = 4,     // query syntax error
};

struct Error {
  ErrorKind kind = ErrorKind::kInput;
  std::string message;
};

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result<void> equivalent.
struct Ok {};
using Status = Result<Ok>;

}  // namespace caselens

#endif  // CASELENS_CORPUS_ERROR_H_
