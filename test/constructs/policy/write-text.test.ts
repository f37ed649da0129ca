/**
 * Inventories are written piece by piece through a buffer (lib/constructs/policy/write-text.ts): the file
 * must hold exactly the pieces, each in UTF-8, wherever a piece falls against the buffer's edge.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { runs } from '../../support/property-runs';
import { writeText } from '../../../lib/constructs/policy/write-text';

const BUFFER = 65_536;
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'write-pieces-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function writtenBytes(pieces: readonly string[]): Buffer {
  const file = path.join(dir, 'out.md');
  writeText(file, (out) => pieces.forEach((piece) => out(piece)));
  return fs.readFileSync(file);
}

const written = (pieces: readonly string[]) => writtenBytes(pieces).toString('utf8');

/** Each piece in UTF-8 on its own, as Buffer.from encodes it (a lone surrogate as U+FFFD). */
const expected = (pieces: readonly string[]) => Buffer.concat(pieces.map((piece) => Buffer.from(piece, 'utf8')));

test.each([
  ['nothing', []],
  ['one empty piece', ['']],
  ['a piece that fills the buffer exactly, then one more byte', ['a'.repeat(BUFFER), 'b']],
  ['a piece one byte too long for what is left', ['a'.repeat(BUFFER - 1), 'bc']],
  ['a piece longer than the buffer, between short ones', ['head\n', 'x'.repeat(3 * BUFFER + 7), '\ntail']],
  // '—' is 3 bytes and '😀' 4 in UTF-8: the buffer counts bytes, not characters.
  ['multi-byte characters across the edge', ['a'.repeat(BUFFER - 2), '— 😀', 'é'.repeat(BUFFER)]],
  // The buffer is flushed before a piece that might not fit (3 bytes for each UTF-16 unit): a piece a third
  // of the buffer long is the largest that goes through it.
  ['pieces around a third of the buffer', ['a'.repeat(BUFFER / 3 - 1), '—'.repeat(BUFFER / 3 - 1), 'é'.repeat(BUFFER / 3 + 1), 'b']],
])('%s', (_name, pieces) => {
  expect(written(pieces)).toBe(pieces.join(''));
});

test('a file that existed is replaced, not appended to', () => {
  const file = path.join(dir, 'replaced.json');
  fs.writeFileSync(file, 'x'.repeat(2 * BUFFER));
  writeText(file, (out) => out('{}\n'));
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

test('a lone surrogate is written as Buffer.from writes it, and the bytes around it are kept', () => {
  const pieces = ['ab\ud800cd', '\udc00', 'x'.repeat(100) + '\ud83d'];
  expect(writtenBytes(pieces).equals(expected(pieces))).toBe(true);
});

test('what the producer throws is thrown, after the file is closed', () => {
  const file = path.join(dir, 'thrown.json');
  const openFiles = () => fs.readdirSync('/proc/self/fd').length;
  const before = openFiles();
  expect(() => writeText(file, (out) => {
    out('partial');
    throw new Error('producer failed');
  })).toThrow('producer failed');
  expect(openFiles()).toBe(before);
});

test('a folder that does not exist raises the file system\'s error', () => {
  const file = path.join(dir, 'no-such-folder', 'out.json');
  expect(() => writeText(file, (out) => out('x'))).toThrow(/ENOENT/);
});
