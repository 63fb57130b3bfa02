#include "cli/commands.h"

int main(int argc, char** argv) { return caselens::cli::run(argc, argv); }
