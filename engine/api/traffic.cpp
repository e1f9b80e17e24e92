// gavel::TrafficGenerator: the request generator (cli/request_generator.cpp, compiled into the
// library) over the compiled policy behind a public Policy.
#include <stdexcept>

#include "cli/request_generator.hpp"
#include "engine/api/internal.hpp"
#include "gavel/gavel.hpp"

namespace gavel {

struct TrafficGenerator::Impl {
  Impl(std::shared_ptr<const Policy> p, std::uint64_t seed, TrafficMix mix)
      : policy(checked(std::move(p))),
        generator(api::compiled_of(*policy), seed, {.rights_requests = mix.rights_requests, .archive_erase = mix.archive_erase}) {}

  static std::shared_ptr<const Policy> checked(std::shared_ptr<const Policy> p) {
    if (!p) throw std::invalid_argument("gavel::TrafficGenerator needs a policy: this one is null (check LoadResult::ok() first)");
    return p;
  }

  std::shared_ptr<const Policy> policy;  // the generator reads the compiled policy it keeps alive
  generate::RequestGenerator generator;
};

TrafficGenerator::TrafficGenerator(std::shared_ptr<const Policy> policy, std::uint64_t seed, TrafficMix mix)
    : impl_(std::make_unique<Impl>(std::move(policy), seed, mix)) {}
TrafficGenerator::~TrafficGenerator() = default;
TrafficGenerator::TrafficGenerator(TrafficGenerator&&) noexcept = default;
TrafficGenerator& TrafficGenerator::operator=(TrafficGenerator&&) noexcept = default;

void TrafficGenerator::next(std::string& out) { impl_->generator.next(out); }
void TrafficGenerator::next_subject(std::string& out) { impl_->generator.next_subject(out); }

}  // namespace gavel
