// Fuzz target: loading config.toml. The input is written to a private temp file and loaded;
// it either loads (and renders) or is refused with Error(config), never anything else.
#include "peerlog/config.hpp"
#include "peerlog/error.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

namespace {

char g_path[64] = {}; // plain storage, so the atexit cleanup never sees a destroyed string

std::string config_file() {
    if (g_path[0] == '\0') {
        std::snprintf(g_path, sizeof g_path, "/tmp/peerlog-fuzz-config-XXXXXX");
        int fd = ::mkstemp(g_path);
        if (fd < 0) {
            std::abort();
        }
        ::close(fd);
        std::atexit([] { ::unlink(g_path); }); // libFuzzer ends with exit()
    }
    return g_path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = config_file();
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        peerlog::Config config = peerlog::load_config(path);
        if (peerlog::render_config(config).empty()) {
            std::abort();
        }
    } catch (const peerlog::Error& error) {
        if (error.kind() != peerlog::ErrorKind::config) {
            std::abort(); // a bad config file is a config error, whatever is wrong in it
        }
    }
    return 0;
}
