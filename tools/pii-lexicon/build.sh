#!/usr/bin/env bash
# Rebuilds common/core/src/main/resources/io/airs/core/guardrail/pii/lexicon.bin from pinned,
# MIT-licensed npm packages (see NOTICE.md beside it). Needs npm, node and a built common/core.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent @faker-js/faker@10.6.0 an-array-of-english-words@2.0.0 >/dev/null
mkdir faker words
tar xzf faker-js-faker-10.6.0.tgz -C faker --strip-components 1
tar xzf an-array-of-english-words-2.0.0.tgz -C words --strip-components 1
node "$here/extract.mjs" "$work" "$work/faker" "$work/words"
java -cp "$root/common/core/target/classes" io.airs.core.guardrail.pii.Lexicon \
  "$root/common/core/src/main/resources/io/airs/core/guardrail/pii/lexicon.bin" \
  "$work/surnames.txt" "$work/places.txt" "$work/words.txt"
