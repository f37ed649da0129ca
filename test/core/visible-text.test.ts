/**
 * visibleLength: what a person sees of a text, so that a minimum length cannot be met with spaces,
 * zero-width characters or combining marks; and collapseLineBreaks, which puts a text on one line.
 */
import { MIN_SUPPRESSION_REASON_LENGTH, collapseLineBreaks, visibleLength } from '../../lib/core/visible-text';

describe('visibleLength', () => {
  test.each<[string, number, string]>([
    ['zero-width spaces only', 0, '\u200b'.repeat(20)],
    ['a zero-width space between two letters', 2, 'a\u200bb'],
    ['e with a combining acute accent', 1, 'e\u0301'],
    ['spaces between words', 8, 'ok ok ok ok'],
    ['emoji outside the BMP, one each', 10, '🙂'.repeat(10)],
    ['the empty text', 0, ''],
    ['whitespace of every kind', 0, ' \t\n\r\v\f\u00a0\u0085\u1680\u2000\u2007\u200a\u2028\u2029\u202f\u205f\u3000'],
    ['format characters: joiners, bidi marks and controls, soft hyphen, BOM', 0, '\u200c\u200d\u200e\u200f\u202a\u202e\u2060\u2066\u2069\u00ad\ufeff'],
    ['control characters', 0, '\u0000\u0007\u001b\u007f\u009f'],
    ['variation selectors and combining marks alone', 0, '\ufe0f\ufe00\u{e0100}\u0301\u0308'],
    ['an emoji with its variation selector', 1, '❤\ufe0f'],
    ['Hangul fillers and the blank Braille pattern', 0, '\u3164\u115f\u1160\uffa0\u2800'],
    ['letters padded with invisible characters', 3, 'a\u200b b\u0301\u00a0c\ufeff'],
    ['a plain reason', 19, 'group holds 4 projects'],
  ])('%s: %d', (_what, n, text) => {
    expect(visibleLength(text)).toBe(n);
  });

  test('the minimum of a suppression reason is 10 visible characters', () => {
    expect(MIN_SUPPRESSION_REASON_LENGTH).toBe(10);
  });
});

describe('collapseLineBreaks', () => {
  test.each<[string, string]>([
    ['one\ntwo', 'one two'],
    ['one\r\ntwo', 'one two'],
    ['one \r\n\n  two', 'one two'],
    ['a\rb\u0085c\u2028d\u2029e\vf\fg', 'a b c d e f g'],
    // Every kind of break after another one: still one space.
    ['a\n\r \v\t\f\u0085\u2028\u2029\r\nb', 'a b'],
    ['no break', 'no break'],
    ['keeps  inner  spaces', 'keeps  inner  spaces'],
  ])('%j reads %j', (text, collapsed) => {
    expect(collapseLineBreaks(text)).toBe(collapsed);
  });
});
