/* The PostgreSQL half of the extension: the SQL functions, their arguments and their errors.
 *
 * Every decision goes through policy_cache.cpp, which returns plain results; the SQL errors are
 * raised here, in C, where no C++ object is alive on the stack for ereport's longjmp to skip.
 * The request is read by gavel's one request reader: jsonb is turned back into its JSON text,
 * never walked by a second reader that could accept what the first refuses. */
#include "postgres.h"

#include "access/detoast.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "nodes/pg_list.h"
#include "nodes/primnodes.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/fmgrprotos.h"
#include "utils/guc.h"
#include "utils/jsonb.h"

#include "policy_cache.h"

PG_MODULE_MAGIC;

void _PG_init(void);

static int policy_cache_size = 8;

void _PG_init(void) {
  DefineCustomIntVariable("gavel.policy_cache_size",
                          "Compiled policies each backend keeps, the least recently used evicted first.",
                          "A policy is compiled once per backend and kept, by its text; "
                          "a query that passes the same text on every row compiles it once.",
                          &policy_cache_size, 8, 1, 1024, PGC_USERSET, 0, NULL, NULL, NULL);
  MarkGUCPrefixReserved("gavel");
}

/* What one call site keeps between rows (in its FmgrInfo, for the life of the query). */
typedef struct CallMemo {
  uint64 policy;                 /* the cached policy of the last row, 0 if none */
  bool constant_policy;          /* the policy argument is a constant of the query */
  bool toasted;                  /* the last row's policy was this out-of-line value */
  struct varatt_external toast;
  StringInfoData request;        /* the request's JSON text, reused from row to row */
  StringInfoData context;        /* a sweep's context object */
} CallMemo;

static bool argument_is_constant(FmgrInfo *flinfo, int argnum) {
  Node *expr = flinfo->fn_expr;
  List *args;
  if (expr == NULL || !IsA(expr, FuncExpr)) return false;
  args = ((FuncExpr *) expr)->args;
  return argnum < list_length(args) && IsA(list_nth(args, argnum), Const);
}

static CallMemo *call_memo(FunctionCallInfo fcinfo) {
  FmgrInfo *flinfo = fcinfo->flinfo;
  CallMemo *memo = (CallMemo *) flinfo->fn_extra;
  if (memo == NULL) {
    MemoryContext old = MemoryContextSwitchTo(flinfo->fn_mcxt);
    memo = (CallMemo *) palloc0(sizeof(CallMemo));
    memo->constant_policy = argument_is_constant(flinfo, 0);
    initStringInfo(&memo->request);
    initStringInfo(&memo->context);
    MemoryContextSwitchTo(old);
    flinfo->fn_extra = memo;
  }
  return memo;
}

static void raise_internal(const GavelPgOutcome *out) pg_attribute_noreturn();
static void raise_internal(const GavelPgOutcome *out) {
  ereport(ERROR, (errcode(strstr(out->internal.data, "out of memory") ? ERRCODE_OUT_OF_MEMORY : ERRCODE_INTERNAL_ERROR),
                  errmsg("gavel: %.*s", (int) out->internal.len, out->internal.data)));
}

/* The cached policy for this row's policy argument, compiled on first use. A constant policy
 * is looked up once per query; one read from a table, once per out-of-line value; any other,
 * by its text (compared with the last one's, else hashed). */
static uint64 policy_of(FunctionCallInfo fcinfo, CallMemo *memo) {
  struct varlena *raw = (struct varlena *) DatumGetPointer(PG_GETARG_DATUM(0));
  text *policy;
  uint64 id;
  GavelPgOutcome out;

  if (memo->policy != 0) {
    if (memo->constant_policy && gavel_pg_has_policy(memo->policy)) return memo->policy;
    if (memo->toasted && VARATT_IS_EXTERNAL_ONDISK(raw)) {
      struct varatt_external toast;
      VARATT_EXTERNAL_GET_POINTER(toast, raw);
      if (memcmp(&toast, &memo->toast, sizeof toast) == 0 && gavel_pg_has_policy(memo->policy))
        return memo->policy;
    }
  }
  memo->policy = 0;
  memo->toasted = VARATT_IS_EXTERNAL_ONDISK(raw);
  if (memo->toasted) VARATT_EXTERNAL_GET_POINTER(memo->toast, raw);

  policy = PG_GETARG_TEXT_PP(0);
  id = gavel_pg_find_policy(VARDATA_ANY(policy), VARSIZE_ANY_EXHDR(policy));
  if (id == 0) {
    /* Compiling is the long step (about 11 us a rule): a cancel is honoured before and after. */
    CHECK_FOR_INTERRUPTS();
    gavel_pg_compile_policy(VARDATA_ANY(policy), VARSIZE_ANY_EXHDR(policy), policy_cache_size, &id, &out);
    if (out.status == GAVEL_PG_POLICY_ERRORS)
      ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                      errmsg_plural("the policy has %d error", "the policy has %d errors", out.errors, out.errors),
                      errdetail("%.*s", (int) out.report.len, out.report.data),
                      errhint("`gavel check` gives the same diagnostics for the rule file")));
    if (out.status != GAVEL_PG_OK) raise_internal(&out);
    CHECK_FOR_INTERRUPTS();
  }
  memo->policy = id;
  return id;
}

/* A jsonb argument's JSON text, in one of the memo's buffers. */
static StringInfo json_text(FunctionCallInfo fcinfo, int argnum, StringInfo buffer) {
  Jsonb *json = PG_GETARG_JSONB_P(argnum);
  resetStringInfo(buffer);
  JsonbToCString(buffer, &json->root, VARSIZE(json));
  return buffer;
}

#define request_text(fcinfo, memo) json_text((fcinfo), 1, &(memo)->request)

static void raise_refused(const char *what, const GavelPgOutcome *out, const char *instead) pg_attribute_noreturn();
static void raise_refused(const char *what, const GavelPgOutcome *out, const char *instead) {
  ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                  out->field.len > 0
                      ? errmsg("the %s is refused: %.*s: %.*s", what, (int) out->field.len, out->field.data,
                               (int) out->message.len, out->message.data)
                      : errmsg("the %s is refused: %.*s", what, (int) out->message.len, out->message.data),
                  errdetail("gavel refuses a malformed %s with the code %.*s%s", what, (int) out->code.len,
                            out->code.data, instead),
                  out->help.len > 0 ? errhint("%.*s", (int) out->help.len, out->help.data) : 0));
}

PG_FUNCTION_INFO_V1(gavel_decide);
Datum gavel_decide(PG_FUNCTION_ARGS) {
  CallMemo *memo = call_memo(fcinfo);
  uint64 policy = policy_of(fcinfo, memo);
  StringInfo request = request_text(fcinfo, memo);
  GavelPgOutcome out;
  gavel_pg_decide(policy, request->data, request->len, true, &out);
  if (out.status == GAVEL_PG_INTERNAL) raise_internal(&out);
  /* A response, or a refused request's {"error": ...}: both are the contract's answer. The
   * text is NUL-terminated (a std::string's) and stays valid while jsonb_in reads it. */
  PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(out.response.data)));
}

PG_FUNCTION_INFO_V1(gavel_allows);
Datum gavel_allows(PG_FUNCTION_ARGS) {
  CallMemo *memo = call_memo(fcinfo);
  uint64 policy = policy_of(fcinfo, memo);
  StringInfo request = request_text(fcinfo, memo);
  GavelPgOutcome out;
  gavel_pg_decide(policy, request->data, request->len, false, &out);
  if (out.status == GAVEL_PG_INTERNAL) raise_internal(&out);
  /* A boolean cannot say why a request was refused, and NULL would read as a deny in a WHERE
   * while it is no decision at all: a refused request is an SQL error. */
  if (out.status == GAVEL_PG_REFUSED)
    raise_refused("request", &out, "; gavel_decide returns it as the response's {\"error\": ...} object");
  PG_RETURN_BOOL(out.allow);
}

static Datum text_datum(GavelPgText t) { return PointerGetDatum(cstring_to_text_with_len(t.data, (int) t.len)); }

static Datum text_array(const GavelPgText *items, size_t count) {
  Datum *elements = (Datum *) palloc(sizeof(Datum) * (count > 0 ? count : 1));
  size_t i;
  for (i = 0; i < count; ++i) elements[i] = text_datum(items[i]);
  return PointerGetDatum(construct_array(elements, (int) count, TEXTOID, -1, false, TYPALIGN_INT));
}

/* The day as gavel reads it, YYYY-MM-DD, whatever the DateStyle. */
static void day_text(DateADT day, char out[16]) {
  int year, month, mday;
  if (DATE_NOT_FINITE(day))
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("the day of a sweep must be a day, not infinity")));
  j2date(day + POSTGRES_EPOCH_JDATE, &year, &month, &mday);
  /* A year gavel does not read (before 1900, after 2999) is refused by the sweep, with its reason. */
  snprintf(out, 16, "%04d-%02d-%02d", year, month, mday);
}

static Datum due_day(GavelPgText by) {
  int year, month, mday;
  if (sscanf(pnstrdup(by.data, by.len), "%d-%d-%d", &year, &month, &mday) != 3)
    ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("gavel: a due day that is not a day")));
  return DateADTGetDatum(date2j(year, month, mday) - POSTGRES_EPOCH_JDATE);
}

/* gavel_obligations(policy, subject, day [, context]): the obligations due on `day` for one
 * person, a row each (gavel::Sweeper, the sweep of `gavel sweep`). */
PG_FUNCTION_INFO_V1(gavel_obligations);
Datum gavel_obligations(PG_FUNCTION_ARGS) {
  ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
  CallMemo *memo = call_memo(fcinfo);
  uint64 policy = policy_of(fcinfo, memo);
  StringInfo subject = json_text(fcinfo, 1, &memo->request);
  StringInfo context = PG_NARGS() > 3 ? json_text(fcinfo, 3, &memo->context) : NULL;
  char day[16];
  const GavelPgObligation *due;
  size_t count, i;
  GavelPgOutcome out;

  day_text(PG_GETARG_DATEADT(2), day);
  InitMaterializedSRF(fcinfo, 0);
  gavel_pg_obligations(policy, subject->data, subject->len, context ? context->data : "", context ? context->len : 0,
                       day, &due, &count, &out);
  if (out.status == GAVEL_PG_INTERNAL) raise_internal(&out);
  if (out.status == GAVEL_PG_REFUSED) raise_refused("person", &out, "; no obligation is known for them");
  for (i = 0; i < count; ++i) {
    Datum values[8];
    bool nulls[8] = {false, false, false, false, false, false, false, false};
    const GavelPgObligation *o = &due[i];
    values[0] = text_datum(o->purpose);
    values[1] = text_array(o->data, o->data_count);
    values[2] = text_datum(o->duty);
    /* Without undue delay: due on the day swept, as `gavel sweep` writes it. */
    values[3] = o->by.len == 0 ? DateADTGetDatum(PG_GETARG_DATEADT(2)) : due_day(o->by);
    values[4] = text_datum(o->rule);
    values[5] = text_datum(o->title);
    values[6] = text_datum(o->source);
    values[7] = text_array(o->cites, o->cites_count);
    tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
  }
  return (Datum) 0;
}
