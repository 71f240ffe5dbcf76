// The whole command line in one call, so it can run in-process (main, the argv fuzz target).
#pragma once

/// Runs peerlog on `argv` as the `peerlog` binary would and returns its exit code. Everything
/// a run needs is built afresh on each call; output goes to std::cout and std::cerr.
int run_peerlog(int argc, char** argv);
