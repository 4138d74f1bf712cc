import { describe, expect, it } from 'vitest';
import { decodeWindows1252 } from '../../src/io/windows-1252.js';

// Node 20's TextDecoder('windows-1252') gets 0x80–0x9F wrong (nodejs/node#60888): these are the
// WHATWG index values, written out so the test does not trust the decoder it replaces.
describe('decodeWindows1252', () => {
  it.each([
    [0x80, '€'], [0x82, '‚'], [0x85, '…'], [0x8a, 'Š'], [0x91, '‘'], [0x92, '’'], [0x93, '“'], [0x94, '”'],
    [0x95, '•'], [0x96, '–'], [0x97, '—'], [0x99, '™'], [0x9f, 'Ÿ'], [0x81, '\u0081'], [0x9d, '\u009d'],
    [0x41, 'A'], [0xe1, 'á'], [0xf1, 'ñ'], [0xd1, 'Ñ'], [0xba, 'º'], [0xa0, '\u00a0'],
  ])('byte 0x%s', (byte, text) => expect(decodeWindows1252(Uint8Array.of(byte))).toBe(text));

  it('decodes a Chilean header as Excel wrote it', () => {
    const bytes = Uint8Array.from([0x93, ...Buffer.from('Gesti'), 0xf3, 0x6e, 0x94, 0x20, 0x96, 0x20, 0x80, 0x20, 0x31, 0x2e, 0x32, 0x33, 0x34, 0x2c, 0x35]);
    expect(decodeWindows1252(bytes)).toBe('“Gestión” – € 1.234,5');
  });
});
