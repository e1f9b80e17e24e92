// The playground's API (docs/playground.md, "The playground's API"): stateless JSON calls to the
// gavel serve that served this page. The page holds the state; every call carries the policy.

export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    const where = error.field ? `${error.field}: ` : "";
    super(`${where}${error.message || `the service answered ${status}`}`);
    this.status = status;
    this.help = error.help || "";
    this.diagnostics = (body && body.diagnostics) || [];
  }
}

async function call(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const type = response.headers.get("Content-Type") || "";
  const payload = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) throw new ApiError(response.status, typeof payload === "object" ? payload : null);
  return { payload, response };
}

// Relative paths: the page works wherever gavel serve mounts it. `name` is the file name the
// service gives the policy in diagnostics and rule sources.
export const api = {
  policies: async () => (await call("GET", "v1/playground/policies")).payload,
  check: async (policy, name) => (await call("POST", "v1/playground/check", { policy, name })).payload,
  ask: async (policy, name, state, trace = false) =>
    (await call("POST", "v1/playground/ask", { policy, name, state, trace })).payload,
  whyNot: async (policy, name, state, question) =>
    (await call("POST", "v1/playground/why-not", { policy, name, state, question })).payload,
  whatIf: async (policy, name, state, changed) =>
    (await call("POST", "v1/playground/what-if", { policy, name, state, changed })).payload,
  // The scenario file as text, with the file name the service suggests.
  scenario: async (policy, name, policyFile, state) => {
    const { payload, response } = await call("POST", "v1/playground/scenario", { policy, name, policy_file: policyFile, state });
    const disposition = response.headers.get("Content-Disposition") || "";
    const suggested = /filename="([^"]+)"/.exec(disposition);
    const text = typeof payload === "string" ? payload : JSON.stringify(payload, null, 2) + "\n";
    return { text, filename: suggested ? suggested[1] : "scenario.json" };
  },
};

// Offers `text` as a file to download, without leaving the page.
export function download(filename, text, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
