// SQLite databases in files that have no name: a VFS over file descriptors, for backups.
//
// SQLite opens files by name, and a file made with O_TMPFILE has none (/proc/self/fd/N is a
// link, which SQLite's unix VFS resolves to "/dir/#123 (deleted)" and would create anew). So
// this VFS wraps the default one: a name "peerlog-descriptor-N" is file descriptor N itself,
// a name derived from it ("…-journal") lives in memory, and every other name goes to the
// default VFS unchanged (the journal being copied, SQLite's own temporary files).
#include "descriptor_database.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fmt/format.h>
#include <new>
#include <optional>
#include <sqlite3.h>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace peerlog {
namespace {

constexpr std::string_view k_prefix = "peerlog-descriptor-";

// The descriptor an own name stands for, and whether the name is derived from it (a journal).
struct OwnName {
    int fd = -1;
    bool derived = false;
};

std::optional<OwnName> own_name(const char* name) {
    if (!name || std::string_view(name).substr(0, k_prefix.size()) != k_prefix) {
        return std::nullopt;
    }
    std::string_view rest = std::string_view(name).substr(k_prefix.size());
    OwnName own;
    auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), own.fd);
    if (error != std::errc()) {
        return std::nullopt;
    }
    own.derived = end != rest.data() + rest.size();
    return own;
}

sqlite3_vfs* base_vfs(sqlite3_vfs* vfs) {
    return static_cast<sqlite3_vfs*>(vfs->pAppData);
}

// ---- the descriptor itself --------------------------------------------------------------

struct DescriptorFile {
    sqlite3_file base;
    int fd;
};

int descriptor(sqlite3_file* file) {
    return reinterpret_cast<DescriptorFile*>(file)->fd;
}

int descriptor_close(sqlite3_file*) {
    return SQLITE_OK; // the descriptor belongs to the OutputFile
}

int descriptor_read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
    auto* bytes = static_cast<char*>(buffer);
    int done = 0;
    while (done < amount) {
        ssize_t got = ::pread(descriptor(file), bytes + done,
                              static_cast<std::size_t>(amount - done), offset + done);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            return SQLITE_IOERR_READ;
        }
        if (got == 0) {
            std::memset(bytes + done, 0, static_cast<std::size_t>(amount - done));
            return SQLITE_IOERR_SHORT_READ;
        }
        done += static_cast<int>(got);
    }
    return SQLITE_OK;
}

int descriptor_write(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
    const auto* bytes = static_cast<const char*>(buffer);
    int done = 0;
    while (done < amount) {
        ssize_t put = ::pwrite(descriptor(file), bytes + done,
                               static_cast<std::size_t>(amount - done), offset + done);
        if (put < 0 && errno == EINTR) {
            continue;
        }
        if (put <= 0) {
            return errno == ENOSPC || errno == EDQUOT ? SQLITE_FULL : SQLITE_IOERR_WRITE;
        }
        done += static_cast<int>(put);
    }
    return SQLITE_OK;
}

int descriptor_truncate(sqlite3_file* file, sqlite3_int64 size) {
    return ::ftruncate(descriptor(file), size) == 0 ? SQLITE_OK : SQLITE_IOERR_TRUNCATE;
}

int descriptor_sync(sqlite3_file* file, int) {
    return ::fsync(descriptor(file)) == 0 ? SQLITE_OK : SQLITE_IOERR_FSYNC;
}

int descriptor_size(sqlite3_file* file, sqlite3_int64* size) {
    struct stat info {};
    if (::fstat(descriptor(file), &info) != 0) {
        return SQLITE_IOERR_FSTAT;
    }
    *size = info.st_size;
    return SQLITE_OK;
}

// No other process can reach a file without a name: locks have nothing to keep apart.
int no_lock(sqlite3_file*, int) {
    return SQLITE_OK;
}
int no_reserved_lock(sqlite3_file*, int* reserved) {
    *reserved = 0;
    return SQLITE_OK;
}
int no_file_control(sqlite3_file*, int, void*) {
    return SQLITE_NOTFOUND;
}
int sector_size(sqlite3_file*) {
    return 4096;
}
int no_device_characteristics(sqlite3_file*) {
    return 0;
}

using Close = int (*)(sqlite3_file*);
using Read = int (*)(sqlite3_file*, void*, int, sqlite3_int64);
using Write = int (*)(sqlite3_file*, const void*, int, sqlite3_int64);
using Truncate = int (*)(sqlite3_file*, sqlite3_int64);
using Sync = int (*)(sqlite3_file*, int);
using Size = int (*)(sqlite3_file*, sqlite3_int64*);

// Version 1 methods (no shared memory, so never WAL) with the no-op locks above.
sqlite3_io_methods methods(Close close, Read read, Write write, Truncate truncate, Sync sync,
                           Size size) {
    sqlite3_io_methods m{};
    m.iVersion = 1;
    m.xClose = close;
    m.xRead = read;
    m.xWrite = write;
    m.xTruncate = truncate;
    m.xSync = sync;
    m.xFileSize = size;
    m.xLock = no_lock;
    m.xUnlock = no_lock;
    m.xCheckReservedLock = no_reserved_lock;
    m.xFileControl = no_file_control;
    m.xSectorSize = sector_size;
    m.xDeviceCharacteristics = no_device_characteristics;
    return m;
}

const sqlite3_io_methods k_descriptor_methods =
    methods(descriptor_close, descriptor_read, descriptor_write, descriptor_truncate,
            descriptor_sync, descriptor_size);

// ---- the copy's rollback journal, in memory ------------------------------------------------

struct MemoryFile {
    sqlite3_file base;
    std::vector<char>* bytes;
};

std::vector<char>& memory(sqlite3_file* file) {
    return *reinterpret_cast<MemoryFile*>(file)->bytes;
}

int memory_close(sqlite3_file* file) {
    delete reinterpret_cast<MemoryFile*>(file)->bytes;
    return SQLITE_OK;
}

int memory_read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
    const auto& bytes = memory(file);
    auto start = static_cast<std::size_t>(offset);
    std::size_t available = start < bytes.size() ? bytes.size() - start : 0;
    std::size_t copied = std::min(available, static_cast<std::size_t>(amount));
    if (copied > 0) {
        std::memcpy(buffer, bytes.data() + start, copied);
    }
    if (copied < static_cast<std::size_t>(amount)) {
        std::memset(static_cast<char*>(buffer) + copied, 0,
                    static_cast<std::size_t>(amount) - copied);
        return SQLITE_IOERR_SHORT_READ;
    }
    return SQLITE_OK;
}

int memory_write(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
    auto& bytes = memory(file);
    auto end = static_cast<std::size_t>(offset) + static_cast<std::size_t>(amount);
    try {
        if (bytes.size() < end) {
            bytes.resize(end);
        }
    } catch (const std::bad_alloc&) {
        return SQLITE_NOMEM;
    }
    std::memcpy(bytes.data() + offset, buffer, static_cast<std::size_t>(amount));
    return SQLITE_OK;
}

int memory_truncate(sqlite3_file* file, sqlite3_int64 size) {
    memory(file).resize(static_cast<std::size_t>(size));
    return SQLITE_OK;
}

int memory_sync(sqlite3_file*, int) {
    return SQLITE_OK;
}

int memory_size(sqlite3_file* file, sqlite3_int64* size) {
    *size = static_cast<sqlite3_int64>(memory(file).size());
    return SQLITE_OK;
}

const sqlite3_io_methods k_memory_methods =
    methods(memory_close, memory_read, memory_write, memory_truncate, memory_sync, memory_size);

// ---- the VFS ------------------------------------------------------------------------------

int open_file(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
    auto own = own_name(name);
    if (!own) {
        return base_vfs(vfs)->xOpen(base_vfs(vfs), name, file, flags, out_flags);
    }
    if (out_flags) {
        *out_flags = flags;
    }
    if (own->derived) {
        auto* memory_file = reinterpret_cast<MemoryFile*>(file);
        memory_file->bytes = new (std::nothrow) std::vector<char>();
        if (!memory_file->bytes) {
            return SQLITE_NOMEM;
        }
        memory_file->base.pMethods = &k_memory_methods;
        return SQLITE_OK;
    }
    auto* descriptor_file = reinterpret_cast<DescriptorFile*>(file);
    descriptor_file->fd = own->fd;
    descriptor_file->base.pMethods = &k_descriptor_methods;
    return SQLITE_OK;
}

int delete_file(sqlite3_vfs* vfs, const char* name, int sync_directory) {
    if (own_name(name)) {
        return SQLITE_OK; // a journal in memory goes when it is closed
    }
    return base_vfs(vfs)->xDelete(base_vfs(vfs), name, sync_directory);
}

int access_file(sqlite3_vfs* vfs, const char* name, int flags, int* result) {
    if (auto own = own_name(name)) {
        *result = own->derived ? 0 : 1; // no hot journal, no -wal: only the file itself exists
        return SQLITE_OK;
    }
    return base_vfs(vfs)->xAccess(base_vfs(vfs), name, flags, result);
}

int full_pathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
    if (!own_name(name)) {
        return base_vfs(vfs)->xFullPathname(base_vfs(vfs), name, size, out);
    }
    if (static_cast<int>(std::strlen(name)) >= size) {
        return SQLITE_CANTOPEN;
    }
    std::strcpy(out, name);
    return SQLITE_OK;
}

const char* descriptor_vfs() {
    static sqlite3_vfs vfs = [] {
        sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
        sqlite3_vfs wrapper = *base;
        wrapper.zName = "peerlog-descriptor";
        wrapper.pAppData = base;
        wrapper.szOsFile = std::max({base->szOsFile, static_cast<int>(sizeof(DescriptorFile)),
                                     static_cast<int>(sizeof(MemoryFile))});
        wrapper.xOpen = open_file;
        wrapper.xDelete = delete_file;
        wrapper.xAccess = access_file;
        wrapper.xFullPathname = full_pathname;
        return wrapper;
    }();
    static const int registered = sqlite3_vfs_register(&vfs, 0);
    (void)registered;
    return vfs.zName;
}

std::string descriptor_name(int fd) {
    return fmt::format("{}{}", k_prefix, fd);
}

} // namespace

void vacuum_into_descriptor(const std::filesystem::path& source, int fd, int busy_timeout_ms) {
    // Through the wrapper, so that VACUUM INTO opens the descriptor's name with it too.
    SQLite::Database reader(source.string(), SQLite::OPEN_READONLY, busy_timeout_ms,
                            descriptor_vfs());
    SQLite::Statement into(reader, "VACUUM INTO ?");
    into.bind(1, descriptor_name(fd));
    into.exec();
}

SQLite::Database open_descriptor_database(int fd) {
    return SQLite::Database(descriptor_name(fd), SQLite::OPEN_READONLY, 0, descriptor_vfs());
}

} // namespace peerlog
