#include "playground/file_output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <string>

namespace gavel::playground {

namespace {

std::error_code os_error(int code) { return {code, std::generic_category()}; }

// A new file beside `path`, named after it, created with the default permissions (0666 less
// the umask). Returns its descriptor, or -1 with errno set.
int create_temporary(const std::filesystem::path& path, std::string& name) {
  const std::filesystem::path folder =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  for (int attempt = 0; attempt < 100; ++attempt) {
    name = (folder / ("." + path.filename().string() + ".saving-" + std::to_string(::getpid()) + "-" +
                      std::to_string(attempt)))
               .string();
    const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  return -1;
}

// Gives `temporary` the name `path` unless that name is taken: one step, so that a file made
// meanwhile is not overwritten.
int rename_no_replace(const std::string& temporary, const std::filesystem::path& path) {
#ifdef RENAME_NOREPLACE
  if (::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return -1;  // else the file system cannot: link instead
#endif
  if (::link(temporary.c_str(), path.c_str()) != 0) return -1;
  ::unlink(temporary.c_str());
  return 0;
}

}  // namespace

std::error_code write_whole_file(const std::filesystem::path& path, std::string_view text,
                                 Existing existing) {
  std::string temporary;
  const int fd = create_temporary(path, temporary);
  if (fd < 0) return os_error(errno);
  auto abandon = [&](int code, bool open) {
    if (open) ::close(fd);
    ::unlink(temporary.c_str());
    return os_error(code);
  };
  struct stat old {};
  if (existing == Existing::replace && ::stat(path.c_str(), &old) == 0 &&
      ::fchmod(fd, old.st_mode & 07777) != 0)
    return abandon(errno, true);
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return abandon(n < 0 ? errno : EIO, true);
    done += std::size_t(n);
  }
  // A full disk may only show when the data reaches it.
  if (::fsync(fd) != 0) return abandon(errno, true);
  if (::close(fd) != 0) return abandon(errno, false);
  const int renamed = existing == Existing::replace ? ::rename(temporary.c_str(), path.c_str())
                                                    : rename_no_replace(temporary, path);
  if (renamed != 0) return abandon(errno, false);
  return {};
}

}  // namespace gavel::playground
