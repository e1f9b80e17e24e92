// Bundles the playground page into one folder: index.html, playground.js, playground.css,
// favicon.svg (a browser asks for an icon; without one it logs a 404).
// `node build.mjs OUTDIR`; run by web/CMakeLists.txt. Nothing is fetched: the sources and
// node_modules (installed by scripts/bootstrap.sh from package-lock.json) are all it reads.
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outdir = process.argv[2];
if (!outdir) {
  console.error("web/build.mjs: missing the output folder\nhelp: node web/build.mjs OUTDIR");
  process.exit(2);
}
await mkdir(outdir, { recursive: true });
const common = { bundle: true, minify: true, legalComments: "eof", logLevel: "warning", target: "es2020" };
await build({ ...common, entryPoints: [join(here, "src/main.js")], format: "esm", outfile: join(outdir, "playground.js") });
await build({ ...common, entryPoints: [join(here, "src/playground.css")], outfile: join(outdir, "playground.css") });
for (const file of ["index.html", "favicon.svg"]) await copyFile(join(here, "src", file), join(outdir, file));
