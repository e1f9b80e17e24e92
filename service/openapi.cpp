#include "service/openapi.hpp"

#include <gavel/gavel.hpp>

namespace gavel::service {
namespace {

// The answers are described by their shape here; the request is the generated schema.
constexpr const char* components_tail = R"json(,
"Decision":{"type":"object","description":"the response contract (docs/request.md): what `gavel decide` prints","required":["decision","decided_by","obligations"],"additionalProperties":false,"properties":{
"decision":{"enum":["allow","deny"]},
"decided_by":{"type":"array","items":{"type":"string"},"description":"the rules that decided, or `purpose.basis` for the lawful bases that held (allow) or failed (deny by default)"},
"obligations":{"type":"array","items":{"type":"object","required":["kind","by","rule"],"additionalProperties":false,"properties":{"kind":{"enum":["erase","archive"]},"by":{"type":["string","null"],"format":"date","description":"null: without undue delay"},"rule":{"type":"string"}}}},
"missing":{"type":"array","items":{"type":"string"},"description":"an undetermined deny: the unknown facts (not given) it turned on, as paths"},
"unknown":{"type":"array","items":{"type":"string"},"description":"a determined decision: facts not given that were consulted and did not change it, as paths"},
"conflicts":{"type":"array","items":{"type":"array","items":{"type":"string"},"minItems":2,"maxItems":2}},
"due":{"type":"string","format":"date"},
"extended_due":{"type":"string","format":"date","description":"a rights request not refused: the due date if the period is extended"},
"extension_notice_by":{"type":"string","format":"date","description":"with extended_due: the day by which the person must be told of the extension and why (GDPR Art. 12(3))"},
"effective":{"type":"string","format":"date","description":"a request granted `effective on receipt`: the day it took effect (GDPR Art. 7(3))"},
"refusal":{"type":"object","description":"a refused rights request (GDPR Art. 12(4)): its reasons are decided_by","required":["complaint_to","judicial_remedy"],"additionalProperties":false,"properties":{"due":{"type":"string","format":"date"},"complaint_to":{"type":["object","null"],"required":["authority"],"additionalProperties":false,"properties":{"authority":{"type":"string"},"address":{"type":"string"}}},"judicial_remedy":{"type":"boolean","description":"always true (GDPR Art. 79)"}}},
"notify_recipients":{"type":"array","items":{"type":"string"},"description":"a granted erasure, rectification or restriction: the recipients to tell of it (GDPR Art. 19)"},
"trace":{"type":"array","description":"with ?trace=true or ?explain=true","items":{"type":"object","required":["rule","title","cites","source","outcome","because"],"additionalProperties":false,"properties":{"rule":{"type":"string"},"title":{"type":"string"},"cites":{"type":"string"},"source":{"type":"string","description":"file:line"},"outcome":{"type":"string"},"because":{"type":"array","items":{"type":"string"}}}}},
"explanation":{"type":"string","description":"with ?explain=true: the trace as prose"}}},
"Error":{"type":"object","required":["error"],"additionalProperties":false,"properties":{"error":{"type":"object","required":["field","message"],"additionalProperties":false,"properties":{"field":{"type":"string","description":"the field at fault, as a path; empty when the fault is not one field's"},"message":{"type":"string"},"help":{"type":"string"}}}}},
"Batch":{"type":"array","items":{"$ref":"#/components/schemas/Request"}},
"Policy":{"type":"object","required":["file","revision","loaded_at","last_failed_reload"],"properties":{"file":{"type":"string"},"revision":{"type":"string","description":"SHA-256 of the policy text, hex"},"loaded_at":{"type":"string","format":"date-time"},"last_failed_reload":{"type":["object","null"]}}}
},
"parameters":{
"trace":{"name":"trace","in":"query","schema":{"enum":["true","false"]},"description":"include the justification trace"},
"explain":{"name":"explain","in":"query","schema":{"enum":["true","false"]},"description":"include the trace as prose"}
},
"headers":{
"Gavel-Policy-Revision":{"description":"the revision (SHA-256) of the policy the answer was decided with","schema":{"type":"string"}},
"X-Request-Id":{"description":"the client's X-Request-Id, or one the service created","schema":{"type":"string"}}
}},
"paths":{
"/v1/decide":{"post":{"summary":"decide one request","parameters":[{"$ref":"#/components/parameters/trace"},{"$ref":"#/components/parameters/explain"}],
"requestBody":{"required":true,"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Request"}}}},
"responses":{"200":{"description":"the decision","headers":{"Gavel-Policy-Revision":{"$ref":"#/components/headers/Gavel-Policy-Revision"},"X-Request-Id":{"$ref":"#/components/headers/X-Request-Id"}},"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Decision"}}}},
"400":{"description":"a malformed request or query: never an allow","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}},
"413":{"description":"the body is over 64 KiB","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}},
"415":{"description":"a Content-Type that is not application/json","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}},
"503":{"description":"the decision's record could not be written to the decision log: not answered","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}}}}},
"/v1/decide/batch":{"post":{"summary":"decide many requests: a JSON array (answered by an array) or JSON lines (answered by JSON lines), in order","parameters":[{"$ref":"#/components/parameters/trace"},{"$ref":"#/components/parameters/explain"}],
"requestBody":{"required":true,"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Batch"}},"application/x-ndjson":{"schema":{"type":"string","description":"one request object per line"}}}},
"responses":{"200":{"description":"one answer per request, in order: a decision, or an error object in its place","content":{"application/json":{"schema":{"type":"array","items":{"oneOf":[{"$ref":"#/components/schemas/Decision"},{"$ref":"#/components/schemas/Error"}]}}},"application/x-ndjson":{"schema":{"type":"string"}}}},
"400":{"description":"the body is not an array of requests","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}},
"413":{"description":"the body is over 8 MiB, or has more than 10000 requests","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}},
"503":{"description":"the records of the batch could not be written to the decision log: none answered","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}}}}},
"/v1/policy":{"get":{"summary":"the policy in use, and the last reload that failed","responses":{"200":{"description":"the policy","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Policy"}}}}}}},
"/healthz":{"get":{"summary":"the process is up","responses":{"200":{"description":"up"}}}},
"/readyz":{"get":{"summary":"the service takes requests","responses":{"200":{"description":"ready"},"503":{"description":"draining, or the decision log cannot be written"}}}},
"/metrics":{"get":{"summary":"Prometheus text format","responses":{"200":{"description":"the counters","content":{"text/plain":{"schema":{"type":"string"}}}}}}},
"/openapi.json":{"get":{"summary":"this document","responses":{"200":{"description":"OpenAPI 3.1"}}}}
}})json";

}  // namespace

std::string openapi_json() {
  std::string out = R"({"openapi":"3.1.0",
"info":{"title":"gavel decision service","version":")";
#ifdef GAVEL_VERSION
  out += GAVEL_VERSION;
#else
  out += "0";
#endif
  out += R"("},
"jsonSchemaDialect":"https://json-schema.org/draft/2020-12/schema",
"components":{"schemas":{
"Request":)";
  out += request_json_schema();
  out += components_tail;
  return out;
}

}  // namespace gavel::service
