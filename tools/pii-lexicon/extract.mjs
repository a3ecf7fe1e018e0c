// Writes surnames.txt, places.txt and words.txt (one entry per line) into the folder given as the
// first argument, from the unpacked npm packages @faker-js/faker (second argument) and
// an-array-of-english-words (third argument). Both are MIT-licensed; see NOTICE.md beside lexicon.bin.
import fs from 'fs';
import path from 'path';
import { pathToFileURL } from 'url';

const [out, faker, words] = process.argv.slice(2);
const { allLocales } = await import(pathToFileURL(path.join(faker, 'dist/index.js')).href);
const flat = v => Array.isArray(v) ? v.flatMap(flat)
  : (v && typeof v === 'object' ? Object.values(v).flatMap(flat) : (typeof v === 'string' ? [v] : []));
const surnames = new Set();
const places = new Set();
for (const loc of Object.values(allLocales)) {
  for (const n of flat(loc.person?.last_name)) surnames.add(n);
  const l = loc.location;
  if (!l) continue;
  for (const k of ['city_name', 'state', 'country', 'county', 'city_prefix', 'city_suffix', 'street_name', 'continent']) {
    for (const s of flat(l[k])) for (const w of s.split(/[\s-]+/)) if (w) places.add(w.toLowerCase());
  }
}
const english = JSON.parse(fs.readFileSync(path.join(words, 'index.json'), 'utf8'));
const write = (name, set) => fs.writeFileSync(path.join(out, name), [...set].sort().join('\n') + '\n');
write('surnames.txt', surnames);
write('places.txt', places);
write('words.txt', new Set(english));
console.error(`surnames ${surnames.size}, place words ${places.size}, English words ${english.length}`);
