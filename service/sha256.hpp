// The policy's revision: the SHA-256 of its text, in lowercase hex (OpenSSL's libcrypto).
#pragma once

#include <string>
#include <string_view>

namespace gavel::service {

std::string sha256_hex(std::string_view text);

}  // namespace gavel::service
