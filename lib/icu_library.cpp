// ICU's common library, opened with dlopen rather than linked: linked, libicuuc and its 30 MB
// of data were mapped and relocated at the start of every peerlog command, while only
// `session list --grep` uses them.
#include "icu_library.hpp"

#include "peerlog/error.hpp"

#include <dlfcn.h>
#include <fmt/format.h>
#include <type_traits>

// The name a function has in the library: ICU's headers rename u_strFoldCase to
// u_strFoldCase_72, and PEERLOG_ICU_NAME expands that macro before quoting it.
#define PEERLOG_ICU_QUOTE(name) #name
#define PEERLOG_ICU_NAME(name) PEERLOG_ICU_QUOTE(name)

namespace peerlog {
namespace {

IcuLibrary open_icu_library() {
    const char* soname = PEERLOG_ICUUC_SONAME;
    void* handle = ::dlopen(soname, RTLD_NOW | RTLD_LOCAL); // never closed
    if (handle == nullptr) {
        throw Error(ErrorKind::io, fmt::format("cannot load {} (ICU, Debian package libicu{}) to "
                                               "search the notes ({}): install it.",
                                               soname, U_ICU_VERSION_MAJOR_NUM, ::dlerror()));
    }
    IcuLibrary library;
    auto symbol = [&](auto& function, const char* name) {
        function =
            reinterpret_cast<std::remove_reference_t<decltype(function)>>(::dlsym(handle, name));
        if (function == nullptr) {
            throw Error(ErrorKind::io, fmt::format("{} has no {}: it is not the ICU peerlog was "
                                                   "built with (ICU {}).",
                                                   soname, name, U_ICU_VERSION));
        }
    };
    symbol(library.error_name, PEERLOG_ICU_NAME(u_errorName));
    symbol(library.from_utf8, PEERLOG_ICU_NAME(u_strFromUTF8WithSub));
    symbol(library.fold_case, PEERLOG_ICU_NAME(u_strFoldCase));
    symbol(library.char_type, PEERLOG_ICU_NAME(u_charType));
    symbol(library.nfd_instance, PEERLOG_ICU_NAME(unorm2_getNFDInstance));
    symbol(library.normalize, PEERLOG_ICU_NAME(unorm2_normalize));
    symbol(library.has_boundary_before, PEERLOG_ICU_NAME(unorm2_hasBoundaryBefore));
    symbol(library.break_open, PEERLOG_ICU_NAME(ubrk_open));
    symbol(library.break_set_text, PEERLOG_ICU_NAME(ubrk_setText));
    symbol(library.break_is_boundary, PEERLOG_ICU_NAME(ubrk_isBoundary));
    symbol(library.break_close, PEERLOG_ICU_NAME(ubrk_close));
    return library;
}

} // namespace

const IcuLibrary& icu() {
    static const IcuLibrary library = open_icu_library();
    return library;
}

} // namespace peerlog
