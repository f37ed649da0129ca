/** CONTRIBUTING.md names the files each kind of change touches: every one it names exists. */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '../..');
const text = fs.readFileSync(path.join(ROOT, 'CONTRIBUTING.md'), 'utf8');

test('every file CONTRIBUTING.md names exists (paths under lib/core may be written without it)', () => {
  const named = [...new Set([...text.matchAll(/`([a-z][\w/.-]*\.(?:ts|md|js))`/g)].map((m) => m[1]))];
  expect(named.length).toBeGreaterThan(15);
  expect(named.filter((f) => !fs.existsSync(path.join(ROOT, f)) && !fs.existsSync(path.join(ROOT, 'lib/core', f)))).toEqual([]);
});

test('every table and registry it names is a name in the code', () => {
  const code = fs.readdirSync(path.join(ROOT, 'lib'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8')).join('\n');
  const names = [...new Set([...text.matchAll(/`([A-Z][A-Z_]{3,}|[a-z]+[A-Z]\w+)`/g)].map((m) => m[1]))];
  expect(names.length).toBeGreaterThan(5);
  expect(names.filter((n) => !code.includes(n))).toEqual([]);
});
