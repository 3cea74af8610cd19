// KPI1304 (kpi validate has no period to check the data in) reads in one language: its message (English, for JSON
// and code without a run language) and its text in a Chinese run never mix an English sentence and a Chinese reason.
import { describe, expect, it } from 'vitest';
import { noPeriodWarning } from '../../src/commands/validate.js';
import { diagnosticText } from '../../src/scheme/diagnostics.js';
import { said, translator } from '../../src/messages/index.js';
import { parsePeriod } from '../../src/core/period.js';

const zh = translator('zh-CN');
const en = translator('en-US');
const bad = parsePeriod('2026-13');
if (!('error' in bad)) throw new Error('2026-13 should not be a period');

describe('KPI1304 in one language', () => {
  it.each([
    ['no period', said('period.none')],
    ['not a period', said('period.bad', { label: '2026-13', error: bad.error })],
  ])('%s: the message is English, the Chinese text Chinese', (_name, reason) => {
    const d = noPeriodWarning(reason, 'scheme.yaml', { line: 6, col: 9 }, zh);
    expect(d.code).toBe('KPI1304');
    expect(d.message).toMatch(/; the data checks that need a period were skipped$/);
    expect(d.message.replace(/\d{4}(-\d{2}|-Q\d)?(-YTD)?/g, '')).not.toMatch(/[\u4e00-\u9fff]/);
    const text = diagnosticText(d, zh);
    expect(text).toMatch(/；需要期间的数据检查已跳过$/);
    expect(text.replace(/--period|period:|\d{4}(-\d{2}|-Q\d)?(-YTD)?/g, '')).not.toMatch(/[A-Za-z]{2,}/);
  });

  it('an English run says it in English', () => {
    const d = noPeriodWarning(said('period.none'), 'scheme.yaml', { line: 0, col: 0 }, en);
    expect(diagnosticText(d, en)).toBe(d.message);
  });
});
