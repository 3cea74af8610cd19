// The core's sentences (steps, notes, gate reasons) in English, as the tests state them.
import { english, say, type Text } from '../src/messages/index.js';

export function en(x: Text): string;
export function en(x: Text | undefined): string | undefined;
export function en(x: Text | undefined): string | undefined {
  return x === undefined ? undefined : say(x, english);
}

export const enAll = (xs: readonly Text[] | undefined): string[] => (xs ?? []).map((x) => en(x));
