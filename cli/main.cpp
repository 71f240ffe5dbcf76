// peerlog's entry point: the command line is run_peerlog, shared with the argv fuzz target.
#include "run_peerlog.hpp"

int main(int argc, char** argv) {
    return run_peerlog(argc, argv);
}
