/**
 * The checks read each written cdk.tf.json with readText (lib/constructs/policy/app-checks.ts), which copies
 * ASCII files instead of decoding them: what it returns must be exactly what decoding as UTF-8 returns, for
 * any bytes (a description with accents, an emoji, a byte that is not UTF-8 at all).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { runs } from '../../support/property-runs';
import { readText } from '../../../lib/constructs/policy/app-checks';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-text-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function readBack(bytes: Uint8Array): { ours: string; utf8: string } {
  const file = path.join(dir, 'cdk.tf.json');
  fs.writeFileSync(file, bytes);
  return { ours: readText(file), utf8: fs.readFileSync(file, 'utf8') };
}

test.each([
  ['ASCII JSON', Buffer.from('{"resource": {"gitlab_project_access_token": {"t": {"name": "bot"}}}}\n')],
  ['accents, a dash and an emoji in a description', Buffer.from('{"description": "équipe — 😀"}')],
  ['a byte that is not UTF-8 (decoded as U+FFFD)', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d])],
  ['nothing', Buffer.alloc(0)],
])('%s reads as UTF-8 decoding reads it', (_name, bytes) => {
  const { ours, utf8 } = readBack(bytes);
  expect(ours).toBe(utf8);
});

test('any bytes read as UTF-8 decoding reads them', () => {
  // Mostly ASCII (the fast path), sometimes not: one byte of 128 or more sends a file to UTF-8 decoding.
  const bytes = fc.oneof(fc.uint8Array({ max: 127, maxLength: 200 }), fc.uint8Array({ maxLength: 200 }));
  fc.assert(fc.property(bytes, (b) => {
    const { ours, utf8 } = readBack(b);
    return ours === utf8;
  }), { numRuns: runs(300) });
});
