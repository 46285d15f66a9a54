import { describe, expect, it } from 'vitest';
import { findUnstorableText, toStorableText } from '../../../domain/text.js';

describe('text Postgres can store', () => {
  it('finds U+0000 and lone surrogates in values and keys, by JSON pointer', () => {
    expect(findUnstorableText({ a: ['ok', 'x\u0000'] })).toBe('/a/1');
    expect(findUnstorableText({ 'k/\ud800': 1 })).toBe('/k~1\ud800');
    expect(findUnstorableText({ a: '\udc00 tail' })).toBe('/a');
    expect(findUnstorableText('\u0000')).toBe('/');
  });

  it('accepts well-formed text, surrogate pairs included', () => {
    expect(findUnstorableText({ emoji: 'ok \ud83d\ude00', n: 1, nothing: null, list: [true] })).toBeNull();
  });

  it('replaces what it cannot store with U+FFFD and keeps the rest', () => {
    expect(toStorableText({ 'a\u0000': ['b\ud800c', 'ok \ud83d\ude00', 3] })).toEqual({ 'a\uFFFD': ['b\uFFFDc', 'ok \ud83d\ude00', 3] });
  });
});
