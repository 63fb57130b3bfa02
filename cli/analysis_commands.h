// Cross-case analysis subcommands: themes, cooccur, trend, kwic, terms,
// similar, recommendations.
#ifndef CASELENS_CLI_ANALYSIS_COMMANDS_H_
#define CASELENS_CLI_ANALYSIS_COMMANDS_H_

#include "cli/support.h"

namespace caselens::cli {

int cmd_themes(const Args& args);
int cmd_cooccur(const Args& args);
int cmd_trend(const Args& args);
int cmd_kwic(const Args& args);
int cmd_terms(const Args& args);
int cmd_similar(const Args& args);
int cmd_recommendations(const Args& args);

}  // namespace caselens::cli

#endif  // CASELENS_CLI_ANALYSIS_COMMANDS_H_
