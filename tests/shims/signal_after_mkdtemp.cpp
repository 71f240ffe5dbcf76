// A test shim, loaded with LD_PRELOAD: mkdtemp as usual, then the signal whose number is in
// PEERLOG_SIGNAL_AFTER_MKDTEMP raised at once. That is the worst instant for a scratch
// directory: made, and not yet registered for removal on a signal. It calls only C functions
// (no guarded static either), so it loads no C++ runtime into the peerlog it tests.
#include <csignal>
#include <cstdlib>
#include <dlfcn.h>

namespace {
using Mkdtemp = char* (*)(char*);
Mkdtemp real_mkdtemp = nullptr;
} // namespace

extern "C" char* mkdtemp(char* pattern) {
    if (!real_mkdtemp) {
        real_mkdtemp = reinterpret_cast<Mkdtemp>(::dlsym(RTLD_NEXT, "mkdtemp"));
    }
    char* made = real_mkdtemp(pattern);
    const char* signal_number = std::getenv("PEERLOG_SIGNAL_AFTER_MKDTEMP");
    if (made && signal_number) {
        std::raise(std::atoi(signal_number));
    }
    return made;
}
