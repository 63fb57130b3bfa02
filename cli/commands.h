// The caselens command line: subcommands, options, output, exit codes.
#ifndef CASELENS_CLI_COMMANDS_H_
#define CASELENS_CLI_COMMANDS_H_

namespace caselens::cli {

// Exit codes (also in `caselens --help` and the README):
//   0 ok; 1 usage error; 2 some inputs could not be read (the rest were
//   indexed); 3 database error; 4 query syntax error.
int run(int argc, char** argv);

}  // namespace caselens::cli

#endif  // CASELENS_CLI_COMMANDS_H_
