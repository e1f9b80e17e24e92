// A policy that uses a name of every kind the compiler reads, declared in an order that differs
// from the order of use, for the tests of what the checker hands the compiler.
#pragma once

#include <string_view>

namespace gavel::check::testing {

inline constexpr std::string_view clinic = R"gv(controller "Clinic SA" {
  established in home
  holidays france
}
countries adequate "Adequacy decisions" { CH, GB until 2025-12-27 }
countries home "Where the clinic is established" { FR }
calendar france "Public holidays in France" {
  holiday "New Year's Day" on 1 January
}
category identity "Identity"
category health "Data concerning health" special
fact care_under_secrecy "Care by a professional bound by secrecy" asserted per action
date first_visit "The first visit"
date last_visit "The last visit"
framework dpf "EU-US Data Privacy Framework"
right human_intervention "Obtain human intervention"
purpose care "Provide medical care" {
  basis contract
  data health, identity
  retain 20 years after last_visit
  special data under explicit consent or care_under_secrecy
}
purpose research "Medical research" {
  basis consent
  data health
  retain until consent withdrawn, at most 5 years after first_visit
  special data under explicit consent
}
group clinical "Clinical purposes" { research, care }
recipient lab "Laboratory" {
  receives health
  certified under dpf from 2023-07-10
}
respond within 1 month

rule transfers "Transfers stay in adequate countries"
  cites "GDPR Art. 44"
  deny any action except erase for clinical
  when objected to clinical or country outside adequate and not recipient is lab
  unless recipient certified under dpf

rule intervention "A person may obtain human intervention"
  cites "GDPR Art. 22(3)"
  grant human_intervention for care
  when care_under_secrecy

rule care-use "Care uses health data"
  cites "GDPR Art. 9(2)(h)"
  allow use for care
  when data includes health
  overrides transfers
)gv";

}  // namespace gavel::check::testing
