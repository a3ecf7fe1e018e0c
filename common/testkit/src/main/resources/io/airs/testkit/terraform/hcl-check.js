// Checks the Terraform under a directory with HashiCorp's own HCL code (compiled to WebAssembly):
// @cdktf/hcl2json parses each .tf file as Terraform would, and @cdktf/hcl-tools formats it with
// hclwrite.Format, the function behind `terraform fmt`. Prints one JSON document on stdout:
//
//   { "selfCheck": { "formatterRewritesBadLayout": bool, "parserRejectsBrokenHcl": bool },
//     "files": [ { "path": "modules/airs/iam.tf", "parsed": {...} | null, "parseError": string | null,
//                  "fmtClean": bool, "firstUnformattedLine": int | null } ] }
//
// Paths are relative to the directory and use "/". Usage: node hcl-check.js <infra-dir>
"use strict";

const fs = require("fs");
const path = require("path");
const { parse } = require("@cdktf/hcl2json");
const { format } = require("@cdktf/hcl-tools");

function tfFiles(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // Provider plugins and modules that `terraform init` downloads are not ours to check.
      if (entry.name !== ".terraform") {
        found.push(...tfFiles(full));
      }
    } else if (entry.isFile() && entry.name.endsWith(".tf")) {
      found.push(full);
    }
  }
  return found.sort();
}

function firstDifferentLine(a, b) {
  const left = a.split("\n");
  const right = b.split("\n");
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) {
      return i + 1;
    }
  }
  return null;
}

async function check(root, file) {
  const source = fs.readFileSync(file, "utf8");
  const result = {
    path: path.relative(root, file).split(path.sep).join("/"),
    parsed: null,
    parseError: null,
    fmtClean: false,
    firstUnformattedLine: null,
  };
  try {
    result.parsed = await parse(path.basename(file), source);
  } catch (e) {
    result.parseError = String(e && e.message ? e.message : e);
  }
  const formatted = await format(source);
  result.fmtClean = formatted === source;
  result.firstUnformattedLine = result.fmtClean ? null : firstDifferentLine(source, formatted);
  return result;
}

// Proves the two tools can fail here, so a clean result is not an artefact of a no-op.
async function selfCheck() {
  const badLayout = 'resource "a" "b" {\n   x = 1\n  yy = 2\n}\n';
  let parserRejectsBrokenHcl = false;
  try {
    await parse("broken.tf", 'resource "a" "b" {\n  x = \n}\n');
  } catch (e) {
    parserRejectsBrokenHcl = true;
  }
  return {
    formatterRewritesBadLayout: (await format(badLayout)) !== badLayout,
    parserRejectsBrokenHcl,
  };
}

async function main() {
  const root = path.resolve(process.argv[2] || ".");
  const files = [];
  for (const file of tfFiles(root)) {
    files.push(await check(root, file));
  }
  process.stdout.write(JSON.stringify({ selfCheck: await selfCheck(), files }) + "\n");
}

// The Go runtimes inside both packages keep running after main; leave once the answer is out.
main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
    process.exit(1);
  },
);
