// The ten exercises as the user sees them, in the routine's order: what the Chromium specs
// (tests/e2e) and the WebKit and Firefox scenarios (tests/engines) expect home to list.
export const EXERCISE_NAMES = [
  'Clams',
  'Lateral leg raises',
  'Donkey kicks',
  'Donkey whips',
  'Fire hydrants',
  'Knee circles forward',
  'Theraband balance',
  'Standing hip flexor',
  'Standing hip abductor',
  'Hip hikes',
];
