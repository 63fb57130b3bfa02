// The digest subcommand: a Lessons Learned Research Digest bulletin for a
// period, from the index (see digest/digest.h).
#ifndef CASELENS_CLI_DIGEST_COMMAND_H_
#define CASELENS_CLI_DIGEST_COMMAND_H_

#include "cli/support.h"

namespace caselens::cli {

int cmd_digest(const Args& args);

}  // namespace caselens::cli

#endif  // CASELENS_CLI_DIGEST_COMMAND_H_
