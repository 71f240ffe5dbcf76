// A test shim, loaded with LD_PRELOAD, that plays a filesystem without O_TMPFILE (some network
// and FUSE filesystems): openat() asked for an unnamed file, as `-o` asks it, fails with
// EOPNOTSUPP, so peerlog writes through its fallback, a private directory made with mkdirat(). When
// PEERLOG_SIGNAL_AFTER_MKDIRAT holds a signal number, that signal is raised as soon as mkdirat
// has made a directory: the worst instant, before the directory and its file are registered
// for removal. Like signal_after_mkdtemp.cpp it calls only C functions.
#include <cerrno>
#include <csignal>
#include <cstdarg>
#include <cstdlib>
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>

namespace {
using Openat = int (*)(int, const char*, int, ...);
using Mkdirat = int (*)(int, const char*, mode_t);
// Looked up at first use; no guarded static, which would need the C++ runtime.
Openat real_openat = nullptr;
Mkdirat real_mkdirat = nullptr;

bool asks_unnamed_file(int flags) {
    return (flags & O_TMPFILE) == O_TMPFILE;
}

// The mode argument, present when the flags create a file.
mode_t mode_of(int flags, va_list arguments) {
    return (flags & O_CREAT) || asks_unnamed_file(flags)
               ? static_cast<mode_t>(va_arg(arguments, int))
               : 0;
}
} // namespace

extern "C" int openat(int directory, const char* path, int flags, ...) {
    va_list arguments;
    va_start(arguments, flags);
    mode_t mode = mode_of(flags, arguments);
    va_end(arguments);
    if (asks_unnamed_file(flags)) {
        errno = EOPNOTSUPP;
        return -1;
    }
    if (!real_openat) {
        real_openat = reinterpret_cast<Openat>(::dlsym(RTLD_NEXT, "openat"));
    }
    return real_openat(directory, path, flags, mode);
}

extern "C" int mkdirat(int directory, const char* path, mode_t mode) {
    if (!real_mkdirat) {
        real_mkdirat = reinterpret_cast<Mkdirat>(::dlsym(RTLD_NEXT, "mkdirat"));
    }
    int made = real_mkdirat(directory, path, mode);
    const char* signal_number = std::getenv("PEERLOG_SIGNAL_AFTER_MKDIRAT");
    if (made == 0 && signal_number) {
        std::raise(std::atoi(signal_number));
    }
    return made;
}
