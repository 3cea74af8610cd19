// English words the outputs add around the core's sentences (spread into en.ts).
export const enSteps = {
  'note.target': 'Target: {from}',
  'note.notInScheme': 'metric not in the scheme',
  'rows.part.numerator': 'numerator',
  'rows.part.denominator': 'denominator',
} as const;
