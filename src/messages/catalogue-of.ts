// A catalogue is made of parts (one file per area). They are joined into one object without a prototype: V8 keeps
// such an object as a hash table from the start, where `{ ...a, ...b, … }` gave it a new hidden class for each of
// its ~2,100 keys on the way there (about 6 ms of every run for the English catalogue; the Chinese one then follows
// the same classes). A lookup of a key that is not a message (`toString`) finds nothing rather than a function.

type Intersection<U> = (U extends unknown ? (part: U) => void : never) extends (part: infer I) => void ? I : never;

/**
 * The parts as one catalogue, as `{ ...parts[0], ...parts[1], … }` would make it. Its type has every key of every
 * part with that part's text, which is right only while no key is in two parts (a key's two texts would make its
 * type `never`): that is refused here, when the module loads.
 */
export function catalogueOf<const T extends readonly object[]>(...parts: T): Intersection<T[number]> {
  const out = Object.create(null) as Record<string, unknown>;
  let keys = 0;
  for (const part of parts) {
    Object.assign(out, part);
    keys += Object.keys(part).length;
  }
  if (Object.keys(out).length !== keys) {
    const seen = new Set<string>();
    const twice = parts.flatMap((part) => Object.keys(part).filter((k) => seen.has(k) || !seen.add(k)));
    throw new Error(`a message key is in two parts of a catalogue: ${twice.join(', ')}`);
  }
  return out as Intersection<T[number]>;
}
