// Fuzz target: loading config.toml. The input is written to a private temp file and loaded;
// it either loads (and renders) or is refused with Error(config), never anything else.
#include "peerlog/config.hpp"
#include "peerlog/error.hpp"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

namespace {

std::string config_file() {
    static std::string path = [] {
        std::string pattern = "/tmp/peerlog-fuzz-config-XXXXXX";
        int fd = ::mkstemp(pattern.data());
        if (fd < 0) {
            std::abort();
        }
        ::close(fd);
        return pattern;
    }();
    return path;
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
