// Writing a file whole or not at all, for the playground's `save`.
#pragma once

#include <filesystem>
#include <string_view>
#include <system_error>

namespace gavel::playground {

enum class Existing { keep, replace };

// Writes `text` to a new file in the folder of `path` and then gives it that name, so that a
// failed or short write (a full disk, a file too large) leaves whatever had the name as it
// was. With Existing::keep, a file of that name (even one made while writing) is never
// replaced: the answer is then `File exists`. With Existing::replace, the new file takes the
// permissions of the one it replaces. Returns the OS's reason on failure, none on success.
std::error_code write_whole_file(const std::filesystem::path& path, std::string_view text, Existing existing);

}  // namespace gavel::playground
