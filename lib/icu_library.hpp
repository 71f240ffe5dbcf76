// ICU's common library (libicuuc), opened with dlopen the first time a note search needs it.
#pragma once

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

namespace peerlog {

/// The ICU functions note search calls: its C API, whose names carry ICU's version suffix
/// (unicode/urename.h), so the functions are looked up by the names peerlog was compiled with.
struct IcuLibrary {
    decltype(&::u_errorName) error_name = nullptr;
    decltype(&::u_strFromUTF8WithSub) from_utf8 = nullptr;
    decltype(&::u_strFoldCase) fold_case = nullptr;
    decltype(&::u_charType) char_type = nullptr;
    decltype(&::unorm2_getNFDInstance) nfd_instance = nullptr;
    decltype(&::unorm2_normalize) normalize = nullptr;
    decltype(&::unorm2_hasBoundaryBefore) has_boundary_before = nullptr;
    decltype(&::ubrk_open) break_open = nullptr;
    decltype(&::ubrk_setText) break_set_text = nullptr;
    decltype(&::ubrk_isBoundary) break_is_boundary = nullptr;
    decltype(&::ubrk_close) break_close = nullptr;
};

/// ICU, loaded on the first call and kept until the program ends. Error(io) when it cannot be
/// loaded or lacks a function (it is not the ICU peerlog was built with).
const IcuLibrary& icu();

} // namespace peerlog
