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
,
"PlaygroundPolicy":{"type":"string","maxLength":1048576,"description":"the policy's text (at most 1 MiB); compiled once per text (cached by its SHA-256)"},
"PlaygroundState":{"type":"object","required":["today"],"additionalProperties":false,"description":"the facts and the questions (docs/playground.md); subject and context are the request contract's","properties":{"today":{"type":"string","format":"date"},"subject":{"type":"object"},"context":{"type":"object"},"questions":{"type":"array","maxItems":200,"items":{"type":"object","required":["action","purpose"],"additionalProperties":false,"properties":{"action":{"type":"string"},"data":{"type":"array","items":{"type":"string"}},"purpose":{"type":"string"},"recipient":{"type":["string","null"]},"country":{"type":["string","null"]},"right":{"type":["string","null"]},"received":{"type":["string","null"],"format":"date","description":"null: today"}}}}}},
"Diagnostics":{"type":"array","items":{"type":"object","required":["file","line","column","end_line","end_column","severity","message","help","code"],"properties":{"file":{"type":"string"},"line":{"type":"integer"},"column":{"type":"integer"},"end_line":{"type":"integer"},"end_column":{"type":"integer"},"severity":{"enum":["error","warning"]},"message":{"type":"string"},"help":{"type":"string"},"code":{"type":"string"}}}}
},
"responses":{
"PlaygroundRefused":{"description":"a malformed body or state (400), or one over the bounds (413: a body over 2 MiB, a policy over 1 MiB)","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}},
"PlaygroundPolicyErrors":{"description":"the policy has errors: the refusal and the diagnostics","content":{"application/json":{"schema":{"type":"object","required":["error","diagnostics"],"properties":{"error":{"$ref":"#/components/schemas/Error/properties/error"},"diagnostics":{"$ref":"#/components/schemas/Diagnostics"}}}}}}
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
"/openapi.json":{"get":{"summary":"this document","responses":{"200":{"description":"OpenAPI 3.1"}}}},
"/":{"get":{"summary":"the playground's page (embedded in the binary; no external resource)","responses":{"200":{"description":"the page","content":{"text/html":{}}}}}},
"/assets/{file}":{"get":{"summary":"the page's scripts and styles","parameters":[{"name":"file","in":"path","required":true,"schema":{"type":"string"}}],"responses":{"200":{"description":"the file"},"404":{"description":"no such file"}}}},
"/v1/playground/policies":{"get":{"summary":"the policy served, and the rule files shipped with gavel","responses":{"200":{"description":"the policies","content":{"application/json":{"schema":{"type":"object","required":["served","bundled"],"properties":{"served":{"type":["object","null"],"properties":{"name":{"type":"string"},"path":{"type":"string"},"text":{"type":"string"}}},"bundled":{"type":"array","items":{"type":"object","required":["name","path","title","text"],"properties":{"name":{"type":"string"},"path":{"type":"string"},"title":{"type":"string"},"text":{"type":"string"}}}}}}}}}}}},
"/v1/playground/check":{"post":{"summary":"check a policy text: its diagnostics, the report `gavel check` prints, and its vocabulary","requestBody":{"required":true,"content":{"application/json":{"schema":{"type":"object","required":["policy"],"additionalProperties":false,"properties":{"policy":{"$ref":"#/components/schemas/PlaygroundPolicy"},"name":{"type":"string"}}}}}},
"responses":{"200":{"description":"the check, errors included","content":{"application/json":{"schema":{"type":"object","required":["ok","revision","diagnostics","report","vocabulary"],"properties":{"ok":{"type":"boolean"},"revision":{"type":"string"},"diagnostics":{"$ref":"#/components/schemas/Diagnostics"},"report":{"type":"string"},"vocabulary":{"type":["object","null"]}}}}}},"400":{"$ref":"#/components/responses/PlaygroundRefused"},"415":{"$ref":"#/components/responses/PlaygroundRefused"},"413":{"$ref":"#/components/responses/PlaygroundRefused"}}}},
"/v1/playground/ask":{"post":{"summary":"every question of a state decided: the REPL's one-line reason, the decision, its explanation and the request","requestBody":{"required":true,"content":{"application/json":{"schema":{"type":"object","required":["policy","state"],"additionalProperties":false,"properties":{"policy":{"$ref":"#/components/schemas/PlaygroundPolicy"},"name":{"type":"string"},"state":{"$ref":"#/components/schemas/PlaygroundState"},"trace":{"type":"boolean"}}}}}},
"responses":{"200":{"description":"one answer per question, in order","content":{"application/json":{"schema":{"type":"object","required":["answers"],"properties":{"answers":{"type":"array","items":{"type":"object","required":["label"],"properties":{"label":{"type":"string"},"reason":{"type":"string"},"allowed":{"type":"boolean"},"decision":{"$ref":"#/components/schemas/Decision"},"explanation":{"type":"string"},"request":{"$ref":"#/components/schemas/Request"},"error":{"type":"object"}}}}}}}}},"400":{"$ref":"#/components/responses/PlaygroundRefused"},"415":{"$ref":"#/components/responses/PlaygroundRefused"},"422":{"$ref":"#/components/responses/PlaygroundPolicyErrors"}}}},
"/v1/playground/why-not":{"post":{"summary":"why a question is not allowed, each way with the state it leads to","requestBody":{"required":true,"content":{"application/json":{"schema":{"type":"object","required":["policy","state","question"],"additionalProperties":false,"properties":{"policy":{"$ref":"#/components/schemas/PlaygroundPolicy"},"name":{"type":"string"},"state":{"$ref":"#/components/schemas/PlaygroundState"},"question":{"type":"integer","minimum":0,"description":"0-based"}}}}}},
"responses":{"200":{"description":"the answer","content":{"application/json":{"schema":{"type":"object","required":["question","label"],"properties":{"question":{"type":"integer"},"label":{"type":"string"},"reason":{"type":"string"},"allowed":{"type":"boolean"},"explanation":{"type":"string"},"ways":{"type":"array","items":{"type":"object","required":["changes","change","state","then"],"properties":{"changes":{"type":"array","items":{"type":"object","properties":{"command":{"type":"string"},"note":{"type":"string"}}}},"change":{"type":"string","description":"the changes as one what-if command"},"state":{"oneOf":[{"$ref":"#/components/schemas/PlaygroundState"},{"type":"null"}]},"then":{"type":"string"}}}},"error":{"type":"object"}}}}}},"400":{"$ref":"#/components/responses/PlaygroundRefused"},"415":{"$ref":"#/components/responses/PlaygroundRefused"},"422":{"$ref":"#/components/responses/PlaygroundPolicyErrors"}}}},
"/v1/playground/what-if":{"post":{"summary":"every question of a state asked again in a changed state (or under a change written as a command), side by side","requestBody":{"required":true,"content":{"application/json":{"schema":{"type":"object","required":["policy","state"],"additionalProperties":false,"properties":{"policy":{"$ref":"#/components/schemas/PlaygroundPolicy"},"name":{"type":"string"},"state":{"$ref":"#/components/schemas/PlaygroundState"},"changed":{"$ref":"#/components/schemas/PlaygroundState"},"change":{"type":"string","description":"instead of `changed`: `consent withdrawn newsletter 2026-03-01 and …`"}}}}}},
"responses":{"200":{"description":"the REPL's what-if table as data","content":{"application/json":{"schema":{"type":"object","required":["rows","table"],"properties":{"rows":{"type":"array","items":{"type":"object","required":["label","now","then","note"],"properties":{"label":{"type":"string"},"now":{"enum":["allow","deny","error"]},"then":{"enum":["allow","deny","error"]},"note":{"type":"string"}}}},"table":{"type":"string"},"done":{"type":"string"},"changed":{"$ref":"#/components/schemas/PlaygroundState"}}}}}},"400":{"$ref":"#/components/responses/PlaygroundRefused"},"415":{"$ref":"#/components/responses/PlaygroundRefused"},"422":{"$ref":"#/components/responses/PlaygroundPolicyErrors"}}}},
"/v1/playground/scenario":{"post":{"summary":"the scenario file `gavel test` replays for a state's questions","requestBody":{"required":true,"content":{"application/json":{"schema":{"type":"object","required":["policy","state"],"additionalProperties":false,"properties":{"policy":{"$ref":"#/components/schemas/PlaygroundPolicy"},"name":{"type":"string"},"state":{"$ref":"#/components/schemas/PlaygroundState"},"policy_file":{"type":"string","description":"the rule file the scenario names (default: `name`)"}}}}}},
"responses":{"200":{"description":"the scenario, as an attachment","content":{"application/json":{}}},"400":{"$ref":"#/components/responses/PlaygroundRefused"},"415":{"$ref":"#/components/responses/PlaygroundRefused"},"422":{"$ref":"#/components/responses/PlaygroundPolicyErrors"}}}}
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
