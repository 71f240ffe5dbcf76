// A test shim, loaded with LD_PRELOAD: mkdtemp as usual, then the signal whose number is in
// PEERLOG_SIGNAL_AFTER_MKDTEMP raised at once. That is the worst instant for a scratch
// directory: made, and not yet registered for removal on a signal.
#include <csignal>
#include <cstdlib>
#include <dlfcn.h>

extern "C" char* mkdtemp(char* pattern) {
    using Mkdtemp = char* (*)(char*);
    static auto real = reinterpret_cast<Mkdtemp>(::dlsym(RTLD_NEXT, "mkdtemp"));
    char* made = real(pattern);
    if (const char* signal_number = std::getenv("PEERLOG_SIGNAL_AFTER_MKDTEMP"); made) {
        if (signal_number) {
            std::raise(std::atoi(signal_number));
        }
    }
    return made;
}
