import { describe, expect, it } from 'vitest';
import { simplified, variantPairs } from '../../src/core/chinese-variants.js';

describe('Traditional Chinese as Simplified, for the look-alike checks', () => {
  it('writes the status, stage and region words of exports in Simplified', () => {
    expect(simplified('已簽約')).toBe('已签约');
    expect(['贏單', '輸單', '待審核', '已關閉', '已發貨', '華東區', '應收帳款', '壞賬'].map(simplified)).toEqual([
      '赢单',
      '输单',
      '待审核',
      '已关闭',
      '已发货',
      '华东区',
      '应收账款',
      '坏账',
    ]);
    expect(simplified('Won 已签约 Ｗ')).toBe('Won 已签约 Ｗ');
  });

  it('each pair is one Traditional character to a different Simplified one, never both ways', () => {
    const pairs = variantPairs();
    expect(pairs.length).toBeGreaterThan(400);
    const simple = new Set(pairs.map(([, s]) => s));
    for (const [t, s] of pairs) {
      expect([...t].length, t).toBe(1);
      expect([...s].length, s).toBe(1);
      expect(t).not.toBe(s);
      expect(simple.has(t), t).toBe(false);
    }
  });
});
