/**
 * Inventories are written piece by piece through a buffer (lib/constructs/policy/write-pieces.ts): the file
 * must hold exactly the pieces joined, in UTF-8, wherever a piece falls against the buffer's edge.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { runs } from '../../support/property-runs';
import { writePieces } from '../../../lib/constructs/policy/write-pieces';

const BUFFER = 65_536;
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'write-pieces-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function written(pieces: string[]): string {
  const file = path.join(dir, 'out.md');
  writePieces(file, pieces);
  return fs.readFileSync(file, 'utf8');
}

test.each([
  ['nothing', []],
  ['one empty piece', ['']],
  ['a piece that fills the buffer exactly, then one more byte', ['a'.repeat(BUFFER), 'b']],
  ['a piece one byte too long for what is left', ['a'.repeat(BUFFER - 1), 'bc']],
  ['a piece longer than the buffer, between short ones', ['head\n', 'x'.repeat(3 * BUFFER + 7), '\ntail']],
  // '—' is 3 bytes and '😀' 4 in UTF-8: the buffer counts bytes, not characters.
  ['multi-byte characters across the edge', ['a'.repeat(BUFFER - 2), '— 😀', 'é'.repeat(BUFFER)]],
])('%s', (_name, pieces) => {
  expect(written(pieces)).toBe(pieces.join(''));
});

test('a file that existed is replaced, not appended to', () => {
  const file = path.join(dir, 'replaced.json');
  fs.writeFileSync(file, 'x'.repeat(2 * BUFFER));
  writePieces(file, ['{}\n']);
  expect(fs.readFileSync(file, 'utf8')).toBe('{}\n');
});

test('any pieces: the file holds them joined', () => {
  // Characters of 1, 2, 3 and 4 bytes in UTF-8 (fast-check's own unicode units take seconds to set up).
  const char = fc.constantFrom('a', '\n', '"', 'é', '—', '😀');
  const piece = fc.oneof(
    fc.string({ unit: char, maxLength: 300 }),
    fc.integer({ min: BUFFER - 8, max: BUFFER + 8 }).map((n) => 'a'.repeat(n)),
  );
  // A boolean property, not expect(): jest's matcher prints both strings when one differs, and fast-check
  // then shrinks; the counterexample it reports is the short version of the failure.
  fc.assert(fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => written(pieces) === pieces.join('')), { numRuns: runs(100) });
});

test('a folder that does not exist raises the file system\'s error', () => {
  const file = path.join(dir, 'no-such-folder', 'out.json');
  expect(() => writePieces(file, ['x'])).toThrow(/ENOENT/);
});
