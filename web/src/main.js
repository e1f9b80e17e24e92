// The playground page: entry point.
const status = document.getElementById("status");
fetch("v1/playground/policies")
  .then((r) => r.json())
  .then((p) => { status.textContent = `Loaded ${p.served.name}`; })
  .catch((e) => { status.textContent = `could not load the policy: ${e.message}`; });
