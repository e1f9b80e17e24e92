// GET /openapi.json: the service described in OpenAPI 3.1, with the request's JSON Schema
// (gavel::request_json_schema, generated from the contract's field table).
#pragma once

#include <string>

namespace gavel::service {

std::string openapi_json();

}  // namespace gavel::service
