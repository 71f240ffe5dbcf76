// A stream buffer that writes into a file descriptor, for files that have no name yet.
#pragma once

#include <cerrno>
#include <streambuf>
#include <unistd.h>
#include <vector>

namespace peerlog {

/// Writes into a file descriptor through a 64 kB buffer. The first error (errno) sticks: later
/// writes are dropped, and error() says what it was, for the caller to report.
class DescriptorBuffer : public std::streambuf {
  public:
    explicit DescriptorBuffer(int fd) : m_fd(fd), m_space(1 << 16) { reset(); }
    int error() const { return m_error; }

  protected:
    int_type overflow(int_type ch) override {
        if (drain() != 0) {
            return traits_type::eof();
        }
        if (!traits_type::eq_int_type(ch, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }
    int sync() override { return drain(); }

  private:
    void reset() { setp(m_space.data(), m_space.data() + m_space.size()); }
    int drain() {
        const char* at = pbase();
        while (m_error == 0 && at < pptr()) {
            ssize_t written = ::write(m_fd, at, static_cast<std::size_t>(pptr() - at));
            if (written < 0 && errno == EINTR) {
                continue;
            }
            if (written <= 0) {
                m_error = written < 0 ? errno : EIO;
                break;
            }
            at += written;
        }
        reset();
        return m_error == 0 ? 0 : -1;
    }

    int m_fd;
    std::vector<char> m_space;
    int m_error = 0;
};

} // namespace peerlog
