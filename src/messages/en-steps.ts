// English words the outputs add around the core's sentences (spread into en.ts).
export const enSteps = {
  'note.target': 'Target: {from}',
  'note.notInScheme': 'metric not in the scheme',
} as const;
